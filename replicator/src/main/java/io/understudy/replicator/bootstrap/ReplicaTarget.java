package io.understudy.replicator.bootstrap;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.apply.AppliedPositionStore;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The copy's one session on the replica: checks what the replica holds, marks the copy in progress,
 * recreates schemas and tables, and ends with the transaction that records the position. Row
 * inserts go through {@link TableCopier} on {@link #connection()}.
 */
final class ReplicaTarget implements AutoCloseable {

  /** The batch a copy sends becomes one multi-row INSERT. */
  private static final String PROPERTIES =
      "rewriteBatchedStatements=true&characterEncoding=UTF-8&characterSetResults=UTF-8"
          + "&tcpKeepAlive=true"
          + "&connectTimeout=5000";

  /**
   * UTC, as on the primary's session. Foreign key checks off: tables are created and filled in name
   * order, children possibly before their parents, and the snapshot is consistent as a whole.
   * Strict mode, so that a value the replica would store differently fails loudly; but zero dates
   * are allowed (the primary holds them) and a 0 in an AUTO_INCREMENT column is that value.
   */
  private static final String SESSION =
      "SET SESSION time_zone = '+00:00', foreign_key_checks = 0, unique_checks = 1,"
          + " sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

  private static final String MARKER = "understudy.bootstrap_in_progress";

  private final Connection connection;
  private final String replica;

  private ReplicaTarget(Connection connection, String replica) throws SQLException {
    this.connection = connection;
    this.replica = replica;
    try (Statement statement = connection.createStatement()) {
      statement.execute(SESSION);
    }
    connection.setAutoCommit(false);
  }

  static ReplicaTarget open(String jdbcUrl, String user, String password) throws SQLException {
    Connection connection =
        DriverManager.getConnection(JdbcUrls.withProperties(jdbcUrl, PROPERTIES), user, password);
    try {
      return new ReplicaTarget(connection, JdbcUrls.nodeOf(jdbcUrl));
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  String name() {
    return replica;
  }

  Connection connection() {
    return connection;
  }

  /** What the replica holds now, for {@link CopyDecision}. */
  ReplicaState state(ReplicationFilter replicated) throws SQLException {
    Map<String, SourcePosition> positions = AppliedPositionStore.load(connection);
    SourcePosition applied = positions.isEmpty() ? null : positions.values().iterator().next();
    String marker = null;
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT CONCAT('from ', source, ' at ', started_at, ' UTC') FROM " + MARKER)) {
      if (result.next()) {
        marker = result.getString(1);
      }
    }
    ReplicaState state = new ReplicaState(replica, applied, marker, tablesWithRows(replicated));
    connection.commit();
    return state;
  }

  private List<TableId> tablesWithRows(ReplicationFilter replicated) throws SQLException {
    List<TableId> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
      while (result.next()) {
        TableId table = new TableId(result.getString(1), result.getString(2));
        if (PrimarySnapshot.copied(table.schema(), replicated::allowsSchema)
            && replicated.allows(table)) {
          tables.add(table);
        }
      }
    }
    List<TableId> withRows = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (TableId table : tables) {
        try (ResultSet any =
            statement.executeQuery("SELECT 1 FROM " + CopySql.qualified(table) + " LIMIT 1")) {
          if (any.next()) {
            withRows.add(table);
          }
        }
      }
    }
    return withRows;
  }

  /**
   * Records that a copy from {@code primary} is under way, in a node-local row (outside the
   * binlog), committed before any table is touched: if the copy dies, the next one knows that the
   * rows it finds are a partial copy and may be replaced.
   */
  void markInProgress(String primary) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      try (PreparedStatement mark =
          connection.prepareStatement(
              "INSERT INTO "
                  + MARKER
                  + " (id, source, started_at) VALUES (1, ?, UTC_TIMESTAMP(6))"
                  + " ON DUPLICATE KEY UPDATE source = VALUES(source),"
                  + " started_at = VALUES(started_at)")) {
        mark.setString(1, primary);
        mark.executeUpdate();
      }
      connection.commit();
      statement.execute("SET SESSION sql_log_bin = 1");
    }
  }

  /** Creates the schema if missing and gives it the primary's defaults either way. */
  void prepareSchema(SchemaDefaults schema) throws SQLException {
    String defaults = " CHARACTER SET " + schema.charset() + " COLLATE " + schema.collation();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS " + CopySql.quote(schema.name()) + defaults);
      statement.execute("ALTER DATABASE " + CopySql.quote(schema.name()) + defaults);
    }
  }

  /** Replaces the replica's table, if any, by an empty one defined as on the primary. */
  void recreateTable(TableId table, String createStatement) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + CopySql.qualified(table));
      // SHOW CREATE TABLE names the table without its schema.
      statement.execute("USE " + CopySql.quote(table.schema()));
      statement.execute(createStatement);
    }
  }

  /**
   * Deletes the heartbeat rows, uncommitted: the copy of the primary's rows that follows commits
   * with the deletion. The table itself stays: Flyway owns it.
   */
  void clearHeartbeat() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM " + CopySql.qualified(CaptureConfig.HEARTBEAT));
    }
  }

  /**
   * The copy's last transaction: the position streaming resumes after, and the marker removed, in
   * one commit, so that a replica holding an applied position is a replica whose copy completed.
   * Logged in the replica's binlog like the applier's position writes (they mark, after a failover,
   * where the source's stream stood); the marker's deletion travels with it, and no capture
   * forwards either table.
   */
  void finish(SourcePosition position) throws SQLException {
    AppliedPositionStore.save(connection, position, null);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM " + MARKER);
    }
    connection.commit();
  }

  /** Rolls back whatever is uncommitted; committed tables stay, and so does the marker. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
