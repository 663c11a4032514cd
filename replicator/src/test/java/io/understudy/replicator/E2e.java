package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the end-to-end tests of the replicator share: a configuration built from a testkit cluster
 * (node 0 is the primary), writing on the primary, and comparing a table between nodes exactly.
 */
public final class E2e {

  private E2e() {}

  static ReplicatorConfig config(Cluster cluster) {
    List<ReplicatorConfig.Endpoint> replicas = new ArrayList<>();
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      replicas.add(endpoint(node));
    }
    return new ReplicatorConfig(
        endpoint(cluster.node(0)),
        replicas,
        cluster.users().replicator().user(),
        cluster.users().replicator().password(),
        5401,
        1_000);
  }

  static ReplicatorConfig.Endpoint endpoint(ClusterNode node) {
    return new ReplicatorConfig.Endpoint(node.name(), node.host(), node.port());
  }

  static void awaitStreaming(Replicator replicator) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> replicator.capture().state() == BinlogCapture.State.RUNNING);
  }

  /** Runs {@code statements} on the primary as the application user, with autocommit. */
  public static void write(Cluster cluster, String... statements) throws SQLException {
    run(cluster.node(0), cluster.users().app(), statements);
  }

  public static void run(ClusterNode node, Credentials user, String... statements)
      throws SQLException {
    try (Connection connection = node.connect(user);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Waits until every replica holds exactly the primary's rows and checksum of {@code table}. */
  public static void awaitIdentical(Cluster cluster, String table, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertIdentical(cluster, table));
  }

  public static void assertIdentical(Cluster cluster, String table) throws SQLException {
    List<List<String>> primary = rows(cluster.node(0), cluster, table);
    long checksum = checksum(cluster.node(0), cluster, table);
    for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
      assertThat(rows(replica, cluster, table))
          .as("%s rows on %s", table, replica.name())
          .isEqualTo(primary);
      assertThat(checksum(replica, cluster, table))
          .as("CHECKSUM TABLE %s on %s", table, replica.name())
          .isEqualTo(checksum);
    }
  }

  /**
   * Every row of {@code table} ordered by its first column (the key), each value as the driver's
   * string, except binary columns, whose exact bytes are shown in hex.
   */
  public static List<List<String>> rows(ClusterNode node, Cluster cluster, String table)
      throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String value = value(result, meta, i);
          row.add(meta.getColumnName(i) + (value == null ? " IS NULL" : "=" + value));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String value(ResultSet result, ResultSetMetaData meta, int column)
      throws SQLException {
    switch (meta.getColumnType(column)) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.BIT -> {
        byte[] bytes = result.getBytes(column);
        return bytes == null ? null : "0x" + HexFormat.of().formatHex(bytes);
      }
      default -> {
        return result.getString(column);
      }
    }
  }

  public static long checksum(ClusterNode node, Cluster cluster, String table) throws SQLException {
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("CHECKSUM TABLE " + table + " EXTENDED")) {
      assertThat(result.next()).isTrue();
      long checksum = result.getLong(2);
      assertThat(result.wasNull()).as("CHECKSUM TABLE %s on %s", table, node.name()).isFalse();
      return checksum;
    }
  }

  /** The rows of {@code table} on {@code node}, read as the application user. */
  public static long count(ClusterNode node, Cluster cluster, String table) throws SQLException {
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * Inserts ids {@code first .. first + rows - 1} on the primary, {@code perTransaction} rows per
   * autocommit INSERT; {@code row} gives each row's values, such as {@code "(7, 'v7')"}.
   */
  public static void insertRange(
      Cluster cluster,
      String table,
      int first,
      int rows,
      int perTransaction,
      java.util.function.IntFunction<String> row)
      throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      for (int start = first; start < first + rows; start += perTransaction) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int id = start; id < Math.min(start + perTransaction, first + rows); id++) {
          sql.append(id == start ? "" : ",").append(row.apply(id));
        }
        statement.execute(sql.toString());
      }
    }
  }
}
