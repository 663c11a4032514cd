package io.understudy.router;

import static io.understudy.router.RouterFixture.execute;
import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A new topology applies to new statements, without a restart and without breaking connections. */
@ClusterTest(nodes = 3)
class TopologyChangeIT {

  @Test
  @FreshCluster
  void replicasAndPrimaryChangeAtRunTimeWhileAConnectionIsInUse(Cluster cluster, TestSchema schema)
      throws SQLException {
    String[] urls =
        cluster.nodes().stream().map(n -> n.jdbcUrl(schema.name())).toArray(String[]::new);
    StaticTopologySource topology =
        new StaticTopologySource(
            new Topology(
                1, urls[0], List.of(new ReplicaConfig(urls[1], 1), new ReplicaConfig(urls[2], 1))));
    try (ReplicatedDataSource dataSource =
            new ReplicatedDataSource(RouterFixture.config(cluster, schema).build(), topology);
        Connection inTransaction = dataSource.getConnection()) {
      execute(inTransaction, "CREATE TABLE t (id INT PRIMARY KEY)");
      inTransaction.setAutoCommit(false);
      execute(inTransaction, "INSERT INTO t VALUES (1)");

      // Drop replica node 2 while the transaction is open on the primary.
      assertThat(topology.update(new Topology(2, urls[0], List.of(new ReplicaConfig(urls[1], 1)))))
          .isTrue();
      assertThat(readServers(dataSource)).containsOnly(2);
      assertThat(dataSource.stats().nodes()).hasSize(2);

      execute(inTransaction, "INSERT INTO t VALUES (2)");
      inTransaction.commit();
      assertThat(
              RouterFixture.queryInt(
                  inTransaction, "/* understudy:primary */ SELECT COUNT(*) FROM t"))
          .isEqualTo(2);

      // Promote node 1 (as failover will) and make node 0 and node 2 its replicas.
      RouterFixture.execute(
          cluster.node(1).connect(cluster.users().monitor()), "SET GLOBAL read_only = OFF");
      topology.update(
          new Topology(
              3, urls[1], List.of(new ReplicaConfig(urls[0], 1), new ReplicaConfig(urls[2], 1))));
      try (Connection connection = dataSource.getConnection()) {
        assertThat(
                RouterFixture.queryInt(connection, "/* understudy:primary */ SELECT @@server_id"))
            .isEqualTo(2);
      }
      assertThat(readServers(dataSource)).containsOnly(1, 3);
      // An older topology is ignored.
      assertThat(topology.update(new Topology(2, urls[0], List.of()))).isFalse();
    }
  }

  private static Set<Integer> readServers(ReplicatedDataSource dataSource) throws SQLException {
    Set<Integer> servers = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < 10; i++) {
        servers.add(serverId(connection));
      }
    }
    return servers;
  }
}
