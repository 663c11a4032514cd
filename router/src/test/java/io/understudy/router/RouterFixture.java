package io.understudy.router;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Builds data sources over a testkit cluster: node 0 the primary, the others replicas. */
final class RouterFixture {

  private RouterFixture() {}

  static RouterConfig.Builder config(Cluster cluster, TestSchema schema) {
    RouterConfig.Builder builder =
        RouterConfig.builder()
            .primaryUrl(cluster.node(0).jdbcUrl(schema.name()))
            .username(cluster.users().app().user())
            .password(cluster.users().app().password())
            .healthCheckInterval(Duration.ofMillis(200))
            // A physical connection kept past a statement or transaction is a router bug.
            .pool(PoolSettings.builder().leakDetectionThreshold(Duration.ofSeconds(2)).build());
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      builder.replica(node.jdbcUrl(schema.name()), 1);
    }
    return builder;
  }

  static ReplicatedDataSource dataSource(Cluster cluster, TestSchema schema) {
    return new ReplicatedDataSource(config(cluster, schema).build());
  }

  /** The server that ran the query: verified, never assumed. */
  static int serverId(Connection connection) throws SQLException {
    return queryInt(connection, "SELECT @@server_id");
  }

  static int queryInt(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getInt(1);
    }
  }

  static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
