package io.understudy.router;

import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replicas behind by more than maxReplicaLag get no reads. Until the replicator maintains the
 * heartbeat, the test writes understudy.heartbeat on each node itself to simulate lag.
 */
@ClusterTest(nodes = 3)
class LagAwareRoutingIT {

  @Test
  @FreshCluster
  void laggingReplicaGetsNoReadsUntilItCatchesUp(Cluster cluster, TestSchema schema)
      throws Exception {
    for (ClusterNode node : cluster.nodes()) {
      heartbeat(node, cluster, "CREATE DATABASE understudy");
      heartbeat(
          node,
          cluster,
          "CREATE TABLE understudy.heartbeat (id INT PRIMARY KEY, ts DATETIME(3) NOT NULL)");
      heartbeat(node, cluster, "INSERT INTO understudy.heartbeat VALUES (1, UTC_TIMESTAMP(3))");
    }
    // Node 2 is ten minutes behind; node 1 stays current because "the primary" keeps writing.
    heartbeat(
        cluster.node(2),
        cluster,
        "UPDATE understudy.heartbeat SET ts = UTC_TIMESTAMP(3) - INTERVAL 10 MINUTE");
    Thread writer = new Thread(() -> keepBeating(cluster.node(1), cluster), "test-heartbeat");
    writer.setDaemon(true);
    writer.start();
    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(
            RouterFixture.config(cluster, schema).maxReplicaLag(Duration.ofSeconds(5)).build())) {
      String lagging = cluster.node(2).host() + ":" + cluster.node(2).port();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> dataSource.stats().node(lagging).lag() != null);
      assertThat(dataSource.stats().node(lagging).lag()).isGreaterThan(Duration.ofMinutes(9));
      assertThat(serversOf(dataSource, 20)).containsOnly(2);

      heartbeat(cluster.node(2), cluster, "UPDATE understudy.heartbeat SET ts = UTC_TIMESTAMP(3)");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> dataSource.stats().node(lagging).lag().compareTo(Duration.ofSeconds(5)) < 0);
      await().atMost(Duration.ofSeconds(10)).until(() -> serversOf(dataSource, 10).contains(3));
    } finally {
      writer.interrupt();
    }
  }

  @Test
  void withoutHeartbeatALagLimitSendsReadsToThePrimary(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(
            RouterFixture.config(cluster, schema).maxReplicaLag(Duration.ofSeconds(5)).build())) {
      assertThat(serversOf(dataSource, 4)).containsOnly(1);
    }
  }

  private static Set<Integer> serversOf(ReplicatedDataSource dataSource, int reads)
      throws SQLException {
    Set<Integer> servers = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < reads; i++) {
        servers.add(serverId(connection));
      }
    }
    return servers;
  }

  private static void keepBeating(ClusterNode node, Cluster cluster) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        heartbeat(node, cluster, "UPDATE understudy.heartbeat SET ts = UTC_TIMESTAMP(3)");
        Thread.sleep(200);
      } catch (SQLException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void heartbeat(ClusterNode node, Cluster cluster, String sql) throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute(sql);
    }
  }
}
