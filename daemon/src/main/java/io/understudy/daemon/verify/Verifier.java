package io.understudy.daemon.verify;

import io.understudy.daemon.config.DaemonConfig;
import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Compares every replicated table of the primary with each replica: {@code CHECKSUM TABLE ...
 * EXTENDED} first, then, for a table that differs, its key ranges ({@link KeyRangeBisector}).
 *
 * <p>The nodes are live: a replica a moment behind shows a difference that the next transaction
 * removes. So a differing table is checked again, up to {@code attempts} times, a pause apart,
 * before it is reported.
 */
public final class Verifier {

  /**
   * @param depth how many times a differing range is halved at most
   * @param maxRanges how many ranges per table and replica are reported at most
   */
  public record Options(int depth, int maxRanges, int attempts, Duration pause) {}

  /** What was compared and what differs. */
  public record Report(
      List<TableId> tables, List<String> replicas, List<TableDifference> differences) {}

  private final DaemonConfig config;
  private final Options options;

  public Verifier(DaemonConfig config, Options options) {
    this.config = config;
    this.options = options;
  }

  public Report verify() throws SQLException, InterruptedException {
    Map<String, Connection> replicas = new LinkedHashMap<>();
    try (Connection primary = connect(config.primary())) {
      try {
        for (DaemonConfig.Node node : config.replicas()) {
          replicas.put(node.name(), connect(node));
        }
        List<TableId> tables = ReplicatedTables.list(primary, config.filter());
        List<TableDifference> differences = new ArrayList<>();
        for (TableId table : tables) {
          for (Map.Entry<String, Connection> replica : replicas.entrySet()) {
            TableDifference difference =
                compare(primary, replica.getValue(), replica.getKey(), table);
            if (difference != null) {
              differences.add(difference);
            }
          }
        }
        return new Report(tables, List.copyOf(replicas.keySet()), differences);
      } finally {
        for (Connection connection : replicas.values()) {
          connection.close();
        }
      }
    }
  }

  private TableDifference compare(
      Connection primary, Connection replica, String replicaName, TableId table)
      throws SQLException, InterruptedException {
    Long expected = null;
    Long actual = null;
    for (int attempt = 1; attempt <= options.attempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(options.pause().toMillis()); // give a lagging replica time to catch up
      }
      expected = ReplicatedTables.checksum(primary, table);
      actual = ReplicatedTables.checksum(replica, table);
      if (expected != null && expected.equals(actual)) {
        return null;
      }
    }
    if (actual == null) {
      return new TableDifference(table, replicaName, "missing on " + replicaName, List.of());
    }
    String reason =
        "CHECKSUM TABLE "
            + expected
            + " on "
            + config.primary().name()
            + ", "
            + actual
            + " on "
            + replicaName;
    List<String> key = ReplicatedTables.primaryKey(primary, table);
    if (key.isEmpty()) {
      return new TableDifference(
          table, replicaName, reason + " (no primary key: ranges cannot be narrowed)", List.of());
    }
    List<RangeDifference> ranges;
    try {
      ranges =
          new KeyRangeBisector(
                  primary,
                  replica,
                  table,
                  key,
                  ReplicatedTables.columns(primary, table),
                  options.depth(),
                  options.maxRanges())
              .differingRanges();
    } catch (SQLException e) {
      return new TableDifference(
          table,
          replicaName,
          reason + " (rows cannot be compared: " + e.getMessage() + ")",
          List.of());
    }
    return new TableDifference(table, replicaName, reason, ranges);
  }

  private Connection connect(DaemonConfig.Node node) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    properties.setProperty("password", config.password().reveal());
    properties.setProperty("connectTimeout", "5000");
    properties.setProperty("socketTimeout", "600000");
    try {
      return DriverManager.getConnection(node.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw new SQLException(
          "Cannot connect to "
              + node.name()
              + " ("
              + node.host()
              + ":"
              + node.port()
              + "): "
              + e.getMessage(),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
  }
}
