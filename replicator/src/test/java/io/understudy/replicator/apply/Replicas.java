package io.understudy.replicator.apply;

import io.understudy.replicator.model.TableId;
import io.understudy.replicator.schema.UnderstudySchema;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test-side access to a replica: preparing it, starting appliers, reading what arrived. */
final class Replicas {

  private Replicas() {}

  /**
   * Gives the node a current {@code understudy} schema and forgets positions earlier tests of the
   * shared cluster left there.
   */
  static void prepare(Cluster cluster, ClusterNode node) throws SQLException {
    Credentials replicator = cluster.users().replicator();
    UnderstudySchema.migrate(node.jdbcUrl(), replicator.user(), replicator.password());
    execute(cluster, node, "DELETE FROM understudy.applied_position");
  }

  /** Runs statements as admin outside the binary log, as if they had been there all along. */
  static void execute(Cluster cluster, ClusterNode node, String... statements) throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  static ReplicaApplier start(Cluster cluster, ClusterNode node) {
    return start(cluster, node, UnaryOperator.identity());
  }

  static ReplicaApplier start(
      Cluster cluster, ClusterNode node, UnaryOperator<ApplierConfig.Builder> settings) {
    Credentials replicator = cluster.users().replicator();
    return ReplicaApplier.start(
        settings
            .apply(
                ApplierConfig.builder()
                    .replica(node.name())
                    .jdbcUrl(node.jdbcUrl())
                    .credentials(replicator.user(), replicator.password())
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .build());
  }

  /** Every row of {@code sql}'s result, each column read with getString (UTC session). */
  static List<List<String>> rows(Cluster cluster, ClusterNode node, String sql)
      throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION time_zone = '+00:00'");
      try (ResultSet result = statement.executeQuery(sql)) {
        List<List<String>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(result.getString(i));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  /** The single value of {@code sql}, as a string. */
  static String value(Cluster cluster, ClusterNode node, String sql) throws SQLException {
    List<List<String>> rows = rows(cluster, node, sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  /** Prepares the replica and creates {@code accounts(id, balance)} and {@code audit(id, note)}. */
  static TableId accountsAndAudit(Cluster cluster, ClusterNode replica, TestSchema schema)
      throws SQLException {
    prepare(cluster, replica);
    execute(
        cluster,
        replica,
        "CREATE TABLE "
            + schema.name()
            + ".accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)",
        "CREATE TABLE " + schema.name() + ".audit (id BIGINT PRIMARY KEY, note VARCHAR(50))");
    return new TableId(schema.name(), "accounts");
  }
}
