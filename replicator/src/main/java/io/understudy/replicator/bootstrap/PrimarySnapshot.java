package io.understudy.replicator.bootstrap;

import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.heartbeat.HeartbeatTable;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One REPEATABLE READ session on the primary holding a consistent snapshot: every table is read in
 * its one transaction, so the copy sees the primary exactly as it was at one binlog position. The
 * snapshot lasts until {@link #close()}; meanwhile DDL on a table already read waits for it
 * (metadata lock).
 */
final class PrimarySnapshot implements AutoCloseable {

  /**
   * UTC, so that a TIMESTAMP prints as the wall-clock time the replica's UTC session parses back
   * into the same instant. An empty sql_mode prints SHOW CREATE TABLE in MariaDB's own syntax
   * (backquotes, every option), whatever the primary's global mode is.
   */
  private static final String SESSION = "SET SESSION time_zone = '+00:00', sql_mode = ''";

  private static final String PROPERTIES =
      "characterEncoding=UTF-8&characterSetResults=UTF-8&tcpKeepAlive=true&connectTimeout=5000";

  private final Connection connection;
  private final String primary;
  private final SourcePosition position;

  private PrimarySnapshot(Connection connection, String primary) throws SQLException {
    this.connection = connection;
    this.primary = primary;
    try (Statement statement = connection.createStatement()) {
      statement.execute(SESSION);
      ensureGtid(statement);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }
    this.position = readPosition();
  }

  static PrimarySnapshot open(String jdbcUrl, String user, String password) throws SQLException {
    Connection connection =
        DriverManager.getConnection(JdbcUrls.withProperties(jdbcUrl, PROPERTIES), user, password);
    try {
      return new PrimarySnapshot(connection, JdbcUrls.nodeOf(jdbcUrl));
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The last source transaction the snapshot includes. */
  SourcePosition position() {
    return position;
  }

  /**
   * Streaming continues after a GTID, so the snapshot must include at least one; a primary whose
   * binlog holds none yet (a new server) gets one from a heartbeat write, a row the copy then
   * carries over like any heartbeat.
   */
  private static void ensureGtid(Statement statement) throws SQLException {
    String gtids;
    try (ResultSet result = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      result.next();
      gtids = result.getString(1);
    }
    if (gtids == null || gtids.isBlank()) {
      statement.executeUpdate(HeartbeatTable.UPSERT);
    }
  }

  /**
   * MariaDB makes {@code Binlog_snapshot_file/position} consistent with the snapshot: the binlog
   * position of the last commit it includes (others may commit meanwhile; they are not seen).
   */
  private SourcePosition readPosition() throws SQLException {
    String file = null;
    long offset = -1;
    try (Statement statement = connection.createStatement();
        ResultSet status = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
      while (status.next()) {
        switch (status.getString(1).toLowerCase(Locale.ROOT)) {
          case "binlog_snapshot_file" -> file = status.getString(2);
          case "binlog_snapshot_position" -> offset = status.getLong(2);
          default -> {}
        }
      }
    }
    if (file == null || file.isEmpty() || offset < 0) {
      throw new SnapshotRefusedException(
          "Primary "
              + primary
              + " gives no binlog position for its snapshot (Binlog_snapshot_file is empty): a"
              + " primary needs the binary log on (log_bin)");
    }
    try (PreparedStatement gtidAt = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
      gtidAt.setString(1, file);
      gtidAt.setLong(2, offset);
      try (ResultSet result = gtidAt.executeQuery()) {
        result.next();
        return SnapshotPositions.of(result.getString(1), file, offset, primary);
      }
    }
  }

  /** The schemas to copy: those {@code replicated} accepts, never a system schema. */
  List<SchemaDefaults> schemas(Predicate<String> replicated) throws SQLException {
    List<SchemaDefaults> schemas = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                    + " FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
      while (result.next()) {
        if (copied(result.getString(1), replicated)) {
          schemas.add(
              new SchemaDefaults(result.getString(1), result.getString(2), result.getString(3)));
        }
      }
    }
    return schemas;
  }

  static boolean copied(String schema, Predicate<String> replicated) {
    return !CaptureConfig.NEVER_CAPTURED.contains(schema.toLowerCase(Locale.ROOT))
        && replicated.test(schema);
  }

  /**
   * The base tables of {@code schemas}, by name. Views are left out (not copied). A table the
   * snapshot cannot read consistently, or whose rows a plain SELECT cannot reproduce, is refused
   * rather than copied wrong: the snapshot covers transactional (InnoDB) tables only, and sequences
   * and system-versioned tables need more than their current rows.
   */
  List<TableId> tables(List<SchemaDefaults> schemas) throws SQLException {
    List<TableId> tables = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT TABLE_NAME, TABLE_TYPE, ENGINE FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
      for (SchemaDefaults schema : schemas) {
        select.setString(1, schema.name());
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            TableId table = new TableId(schema.name(), result.getString(1));
            String type = result.getString(2);
            String engine = result.getString(3);
            if (type.equals("VIEW")) {
              continue;
            }
            if (!type.equals("BASE TABLE")) {
              unsupported.add(table + " (" + type + ")");
            } else if (!"InnoDB".equalsIgnoreCase(engine)) {
              unsupported.add(table + " (ENGINE=" + engine + ")");
            } else {
              tables.add(table);
            }
          }
        }
      }
    }
    if (!unsupported.isEmpty()) {
      throw new SnapshotRefusedException(
          "Primary "
              + primary
              + " has tables a snapshot copy cannot reproduce exactly: "
              + String.join(", ", unsupported)
              + ". The consistent snapshot covers InnoDB tables only (ALTER TABLE ... ENGINE ="
              + " InnoDB), and sequences and system-versioned tables are not supported; convert"
              + " them or leave their schemas out of replication");
    }
    return tables;
  }

  /** The table's definition as the primary prints it. */
  String createStatement(TableId table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SHOW CREATE TABLE " + CopySql.qualified(table))) {
      result.next();
      return result.getString(2);
    }
  }

  /** The printed type of every ENUM and SET column of {@code table}, by column name. */
  Map<String, String> choiceTypes(TableId table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND DATA_TYPE IN ('enum', 'set')"
                + " ORDER BY ORDINAL_POSITION")) {
      select.setString(1, table.schema());
      select.setString(2, table.table());
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          types.put(result.getString(1), result.getString(2));
        }
      }
    }
    return types;
  }

  /** The columns a copy reads and inserts, in order; the replica computes generated ones. */
  List<SourceColumn> columns(TableId table) throws SQLException {
    List<SourceColumn> columns = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COLUMN_NAME, DATA_TYPE, IS_GENERATED FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      select.setString(1, table.schema());
      select.setString(2, table.table());
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          if ("NEVER".equals(result.getString(3))) {
            columns.add(new SourceColumn(result.getString(1), ColumnKind.of(result.getString(2))));
          }
        }
      }
    }
    return columns;
  }

  /**
   * The rows of {@code select}, streamed: Connector/J hands them over one at a time as they come
   * off the socket, so a table of any size needs the memory of one row. No other statement may run
   * on this session until the result set is closed.
   */
  ResultSet stream(String select) throws SQLException {
    Statement statement =
        connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(Integer.MIN_VALUE);
    statement.closeOnCompletion();
    return statement.executeQuery(select);
  }

  /** Ends the snapshot; it only read, so nothing is lost by rolling back. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
