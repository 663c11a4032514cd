package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.apply.ApplierState;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link ReplicationFilter} decides what reaches the replicas: included tables arrive, excluded
 * tables and schemas do not (neither their rows nor their DDL, which would stop an applier on a
 * replica lacking the table), and the heartbeat flows whatever the filter says.
 */
@ClusterTest(nodes = 3)
class ReplicationFilterIT {

  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  @Test
  void excludedTablesAndSchemas_neitherRowsNorDdlReachTheReplicas(
      Cluster cluster, TestSchema schema) throws Exception {
    String s = schema.name();
    String excludedSchema = "app_filter_excluded";
    dropEverywhere(cluster, excludedSchema);
    ReplicationFilter filter =
        ReplicationFilter.builder()
            .excludeSchemas(excludedSchema)
            .excludeTables(s + ".secret_*", s + ".audit")
            .build();
    try (Replicator replicator = new Replicator(E2e.config(cluster).filtering(filter)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(
          cluster,
          "CREATE TABLE " + s + ".kept (id INT PRIMARY KEY, v VARCHAR(20))",
          "CREATE TABLE " + s + ".secret_1 (id INT PRIMARY KEY, v VARCHAR(20))",
          "CREATE TABLE " + s + ".audit (id INT PRIMARY KEY)",
          "INSERT INTO " + s + ".kept VALUES (1, 'one')",
          "INSERT INTO " + s + ".secret_1 VALUES (1, 'hidden')",
          "INSERT INTO " + s + ".audit VALUES (1)",
          "CREATE DATABASE " + excludedSchema,
          "CREATE TABLE " + excludedSchema + ".t (id INT PRIMARY KEY)",
          "INSERT INTO " + excludedSchema + ".t VALUES (1)");
      // One source transaction on both sides of the filter: only its included rows arrive.
      inOneTransaction(
          cluster,
          "INSERT INTO " + s + ".kept VALUES (2, 'two')",
          "INSERT INTO " + s + ".secret_1 VALUES (2, 'hidden too')");
      // DDL of excluded tables: on a replica without them, any of these would stop the applier.
      E2e.write(
          cluster,
          "ALTER TABLE " + s + ".secret_1 ADD COLUMN extra INT",
          "CREATE INDEX v_idx ON " + s + ".secret_1 (v)",
          "TRUNCATE TABLE " + s + ".audit",
          "DROP TABLE " + s + ".audit",
          "ALTER TABLE " + excludedSchema + ".t ADD COLUMN extra INT",
          // Created while replicating, matching an exclude pattern: stays away too.
          "CREATE TABLE " + s + ".secret_late (id INT PRIMARY KEY)",
          "INSERT INTO " + s + ".secret_late VALUES (1)",
          "UPDATE " + s + ".secret_1 SET v = 'changed'",
          "DROP TABLE " + s + ".secret_late",
          "CREATE TABLE " + s + ".secret_later (id INT PRIMARY KEY)",
          // The marker: once it is on the replicas, everything before it has been through.
          "INSERT INTO " + s + ".kept VALUES (3, 'marker')");

      E2e.awaitIdentical(cluster, s + ".kept", ARRIVAL);
      for (ClusterNode replica : replicas(cluster)) {
        assertThat(tables(cluster, replica, s))
            .as("tables of %s on %s", s, replica.name())
            .containsExactly("kept");
        assertThat(schemaExists(cluster, replica, excludedSchema))
            .as("%s on %s", excludedSchema, replica.name())
            .isFalse();
      }
      assertThat(tables(cluster, cluster.node(0), s))
          .containsExactly("kept", "secret_1", "secret_later");
      assertHeartbeatFlowsAndAppliersRun(cluster, replicator);
    } finally {
      dropEverywhere(cluster, excludedSchema);
    }
  }

  @Test
  void includeLists_replicateOnlyTheNamedTables_excludeWinning(Cluster cluster, TestSchema schema)
      throws Exception {
    String s = schema.name();
    String otherSchema = "app_filter_other";
    dropEverywhere(cluster, otherSchema);
    ReplicationFilter filter =
        ReplicationFilter.builder()
            .includeSchemas(s)
            .includeTables(s + ".keep_*")
            .excludeTables(s + ".keep_old")
            .build();
    try (Replicator replicator = new Replicator(E2e.config(cluster).filtering(filter)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(
          cluster,
          "CREATE TABLE " + s + ".keep_a (id INT PRIMARY KEY, v INT)",
          "CREATE TABLE " + s + ".keep_old (id INT PRIMARY KEY)",
          "CREATE TABLE " + s + ".other (id INT PRIMARY KEY)",
          "CREATE DATABASE " + otherSchema,
          "CREATE TABLE " + otherSchema + ".keep_a (id INT PRIMARY KEY)",
          "INSERT INTO " + otherSchema + ".keep_a VALUES (1)",
          "INSERT INTO " + s + ".keep_old VALUES (1)",
          "INSERT INTO " + s + ".other VALUES (1)",
          "ALTER TABLE " + s + ".other ADD COLUMN extra INT",
          "INSERT INTO " + s + ".keep_a VALUES (1, 10), (2, 20)",
          "ALTER TABLE " + s + ".keep_a ADD COLUMN w INT",
          "UPDATE " + s + ".keep_a SET w = v * 2",
          "CREATE TABLE " + s + ".KEEP_B (id INT PRIMARY KEY)",
          "INSERT INTO " + s + ".KEEP_B VALUES (7)");

      E2e.awaitIdentical(cluster, s + ".KEEP_B", ARRIVAL);
      E2e.assertIdentical(cluster, s + ".keep_a");
      for (ClusterNode replica : replicas(cluster)) {
        assertThat(tables(cluster, replica, s))
            .as("tables of %s on %s", s, replica.name())
            .containsExactly("KEEP_B", "keep_a");
        assertThat(schemaExists(cluster, replica, otherSchema))
            .as("%s on %s", otherSchema, replica.name())
            .isFalse();
      }
      assertHeartbeatFlowsAndAppliersRun(cluster, replicator);
    } finally {
      dropEverywhere(cluster, otherSchema);
    }
  }

  /** The heartbeat is in no list and replicates anyway: every replica's lag is current. */
  private static void assertHeartbeatFlowsAndAppliersRun(Cluster cluster, Replicator replicator) {
    for (ClusterNode replica : replicas(cluster)) {
      await()
          .atMost(ARRIVAL)
          .untilAsserted(
              () ->
                  assertThat(heartbeatLagMillis(cluster, replica))
                      .as("heartbeat lag on %s", replica.name())
                      .isNotNull()
                      .isLessThan(2_000L));
    }
    assertThat(replicator.appliers())
        .allSatisfy(a -> assertThat(a.state()).as(a.replica()).isEqualTo(ApplierState.RUNNING));
  }

  private static List<ClusterNode> replicas(Cluster cluster) {
    return cluster.nodes().subList(1, cluster.size());
  }

  private static void inOneTransaction(Cluster cluster, String... statements) throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String sql : statements) {
        statement.execute(sql);
      }
      connection.commit();
    }
  }

  private static List<String> tables(Cluster cluster, ClusterNode node, String schema)
      throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().admin());
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY BINARY table_name")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private static boolean schemaExists(Cluster cluster, ClusterNode node, String schema)
      throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  private static Long heartbeatLagMillis(Cluster cluster, ClusterNode replica) throws SQLException {
    try (Connection connection = replica.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(ts), UTC_TIMESTAMP(6)) DIV 1000"
                    + " FROM understudy.heartbeat")) {
      row.next();
      long millis = row.getLong(1);
      return row.wasNull() ? null : millis;
    }
  }

  /**
   * Test schemas are the testkit's to drop; the extra ones (with short fixed names: test schema
   * names leave no room for a suffix within MariaDB's 64 characters) are this test's.
   */
  private static void dropEverywhere(Cluster cluster, String schema) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      E2e.run(
          node,
          cluster.users().admin(),
          "SET SESSION sql_log_bin = 0",
          "DROP DATABASE IF EXISTS " + schema);
    }
  }
}
