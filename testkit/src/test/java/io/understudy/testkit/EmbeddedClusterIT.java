package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 3)
class EmbeddedClusterIT {

  @Test
  void nodesStartWithUniqueServerIdsAndNodeZeroAsTheOnlyWritableOne(Cluster cluster)
      throws SQLException {
    assertThat(cluster.size()).isEqualTo(3);
    assertThat(cluster.startupTime()).isPositive();
    for (ClusterNode node : cluster.nodes()) {
      Credentials app = cluster.users().app();
      assertThat(Sql.queryString(node, app, "SELECT @@server_id"))
          .isEqualTo(String.valueOf(node.serverId()));
      assertThat(Sql.queryString(node, app, "SELECT @@read_only"))
          .isEqualTo(node.index() == 0 ? "0" : "1");
      assertThat(Sql.queryString(node, app, "SELECT @@gtid_binlog_pos")).isEmpty();
    }
    assertThat(cluster.nodes()).extracting(ClusterNode::serverId).doesNotHaveDuplicates();
    assertThat(cluster.nodes()).extracting(ClusterNode::port).doesNotHaveDuplicates();
  }

  @Test
  void everyNodeCanBecomePrimary(Cluster cluster) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      Credentials monitor = cluster.users().monitor();
      assertThat(Sql.queryString(node, monitor, "SELECT @@log_bin")).isEqualTo("1");
      assertThat(Sql.queryString(node, monitor, "SELECT @@binlog_format")).isEqualTo("ROW");
      assertThat(Sql.queryString(node, monitor, "SELECT @@binlog_row_image")).isEqualTo("FULL");
      assertThat(Sql.queryString(node, monitor, "SELECT @@gtid_strict_mode")).isEqualTo("1");
      assertThat(Sql.queryString(node, monitor, "SELECT @@character_set_server"))
          .isEqualTo("utf8mb4");
    }
  }

  @Test
  void connectionsUseTls(Cluster cluster) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      assertThat(
              Sql.queryString(
                  node,
                  cluster.users().app(),
                  "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
                      + " WHERE VARIABLE_NAME = 'SSL_CIPHER'"))
          .isNotBlank();
    }
  }

  @Test
  void eachTestGetsAFreshSchemaOnEveryNode(Cluster cluster, TestSchema schema) throws SQLException {
    assertThat(schema.name()).startsWith("app_eachtestgetsafreshschemaoneverynode_");
    for (ClusterNode node : cluster.nodes()) {
      assertThat(
              Sql.queryString(
                  node,
                  cluster.users().app(),
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                      + schema.name()
                      + "'"))
          .isEqualTo("0");
      assertThat(
              Sql.queryString(
                  node,
                  cluster.users().app(),
                  "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '"
                      + schema.name()
                      + "'"))
          .isEqualTo("1");
    }
    assertThat(Sql.queryString(cluster.node(0), cluster.users().app(), "SELECT @@gtid_binlog_pos"))
        .as("the schema is created outside the binary log")
        .isEmpty();
  }

  /** The scenario of the foundation issue, step by step on one cluster. */
  @Test
  @FreshCluster
  void killRestartPauseResume(Cluster cluster, TestSchema schema) throws Exception {
    Credentials app = cluster.users().app();
    ClusterNode node0 = cluster.node(0);
    ClusterNode node1 = cluster.node(1);
    ClusterNode node2 = cluster.node(2);

    // Write on node 0, read on every node.
    Sql.execute(
        node0,
        app,
        "CREATE TABLE " + schema.name() + ".greeting (id INT PRIMARY KEY, text VARCHAR(50))",
        "INSERT INTO " + schema.name() + ".greeting VALUES (1, 'hello from node 0')");
    assertThat(Sql.queryString(node0, app, "SELECT text FROM " + schema.name() + ".greeting"))
        .isEqualTo("hello from node 0");
    for (ClusterNode node : cluster.nodes()) {
      assertThat(Sql.queryString(node, app, "SELECT @@server_id"))
          .isEqualTo(String.valueOf(node.serverId()));
    }

    // Node 1 holds data of its own (written by the replicator user, the only one allowed to
    // write on a read-only node), which must survive SIGKILL and restart.
    Sql.execute(
        node1,
        cluster.users().replicator(),
        "CREATE TABLE " + schema.name() + ".kept (id INT PRIMARY KEY)",
        "INSERT INTO " + schema.name() + ".kept VALUES (42)");
    long pid = node1.pid();
    node1.kill();
    assertThat(node1.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> node1.connect(app).close()).isInstanceOf(SQLException.class);
    assertAnswers(cluster, node0, node2);

    node1.restart();
    assertThat(node1.isAlive()).isTrue();
    assertThat(node1.pid()).isNotEqualTo(pid);
    assertThat(Sql.queryString(node1, app, "SELECT id FROM " + schema.name() + ".kept"))
        .isEqualTo("42");
    assertThat(Sql.queryString(node1, app, "SELECT @@read_only")).isEqualTo("1");

    // Pause node 2: a query to it times out while the others answer.
    try (Connection toNode2 = node2.connect(app)) {
      node2.pause();
      assertThat(node2.isPaused()).isTrue();
      ExecutorService executor = Executors.newSingleThreadExecutor();
      try {
        toNode2.setNetworkTimeout(executor, 1_000);
        assertThatThrownBy(() -> Sql.queryString(toNode2, "SELECT 1"))
            .isInstanceOf(SQLException.class);
      } finally {
        executor.shutdownNow();
      }
      assertAnswers(cluster, node0, node1);
    }
    node2.resume();
    assertThat(node2.isPaused()).isFalse();
    assertAnswers(cluster, node0, node1, node2);
  }

  @Test
  @FreshCluster(nodes = 1)
  void stopAndRestartKeepDataAndPort(Cluster cluster, TestSchema schema) throws SQLException {
    ClusterNode node = cluster.node(0);
    int port = node.port();
    Sql.execute(
        node,
        cluster.users().app(),
        "CREATE TABLE " + schema.name() + ".t (id INT PRIMARY KEY)",
        "INSERT INTO " + schema.name() + ".t VALUES (7)");
    String gtid = Sql.queryString(node, cluster.users().app(), "SELECT @@gtid_binlog_pos");

    node.stop();
    assertThat(node.isAlive()).isFalse();
    node.restart();

    assertThat(node.port()).isEqualTo(port);
    assertThat(
            Sql.queryString(node, cluster.users().app(), "SELECT id FROM " + schema.name() + ".t"))
        .isEqualTo("7");
    assertThat(Sql.queryString(node, cluster.users().app(), "SELECT @@gtid_binlog_pos"))
        .isEqualTo(gtid);
  }

  private static void assertAnswers(Cluster cluster, ClusterNode... nodes) throws SQLException {
    for (ClusterNode node : List.of(nodes)) {
      assertThat(Sql.queryString(node, cluster.users().app(), "SELECT 1")).isEqualTo("1");
    }
  }
}
