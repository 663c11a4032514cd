package io.understudy.replicator;

import static org.awaitility.Awaitility.await;

import io.understudy.router.ReplicatedDataSource;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product end to end: an application writes and reads through the router while the replicator
 * keeps the replicas current; the router's lag limit works on the replicated heartbeat.
 */
@ClusterTest(nodes = 3)
class RoutingOnReplicationIT {

  @Test
  @FreshCluster
  void readsOnReplicasSeeReplicatedWritesAndALaggingReplicaIsAvoided(
      Cluster cluster, TestSchema schema) throws Exception {
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start();
        ReplicatedDataSource dataSource = router(cluster, schema)) {
      E2e.awaitStreaming(replicator);
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(50))");
        statement.execute("INSERT INTO note VALUES (1, 'written through the router')");
      }
      // Reads go to replicas (never the primary) and see the write once it is replicated.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  readsFrom(dataSource, "SELECT @@server_id FROM note").containsAll(Set.of(2, 3)));

      cluster.node(2).pause();
      try {
        // Frozen: its heartbeat lag cannot be measured any more, so it counts as behind.
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> readsFrom(dataSource, "SELECT @@server_id").equals(Set.of(2)));
      } finally {
        cluster.node(2).resume();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> readsFrom(dataSource, "SELECT @@server_id").equals(Set.of(2, 3)));
    }
  }

  private static ReplicatedDataSource router(Cluster cluster, TestSchema schema) {
    return ReplicatedDataSource.builder()
        .primaryUrl(cluster.node(0).jdbcUrl(schema.name()))
        .replicaUrls(cluster.node(1).jdbcUrl(schema.name()), cluster.node(2).jdbcUrl(schema.name()))
        .username(cluster.users().app().user())
        .password(cluster.users().app().password())
        .maxReplicaLag(Duration.ofSeconds(2))
        .healthCheckInterval(Duration.ofMillis(200))
        .fallbackToPrimary(true)
        // A frozen server answers nothing: only the driver's socket timeout bounds a read already
        // sent to it (then the router retries it elsewhere).
        .connectionProperty("socketTimeout", "3000")
        .buildDataSource();
  }

  /** The servers that answered ten autocommit reads; a read that fails counts as no server. */
  private static Set<Integer> readsFrom(ReplicatedDataSource dataSource, String sql) {
    Set<Integer> servers = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < 10; i++) {
        try (Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql)) {
          if (row.next()) {
            servers.add(row.getInt(1));
          }
        }
      }
    } catch (SQLException e) {
      return Set.of();
    }
    return servers;
  }
}
