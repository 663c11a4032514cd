package io.understudy.examples;

import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterStats;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small workload through the router: writes land on the primary, reads go round-robin to the
 * replicas. Every read asks the server that ran it for its {@code @@server_id}, so what the demo
 * prints is what happened, not what was intended.
 */
final class RoutingWorkload {

  private static final int WRITES = 10;
  private static final int READS = 100;

  private final PrintStream out;

  RoutingWorkload(PrintStream out) {
    this.out = out;
  }

  void run(Cluster cluster) throws SQLException {
    try (ReplicatedDataSource dataSource = dataSource(cluster);
        Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO app_demo.greeting (id, text) VALUES (?, ?)")) {
        for (int i = 0; i < WRITES; i++) {
          insert.setInt(1, 100 + i);
          insert.setString(2, "routed write " + i);
          insert.executeUpdate();
        }
      }
      Map<Integer, Integer> readsByServer = new TreeMap<>();
      try (PreparedStatement read = connection.prepareStatement("SELECT @@server_id")) {
        for (int i = 0; i < READS; i++) {
          try (ResultSet row = read.executeQuery()) {
            row.next();
            readsByServer.merge(row.getInt(1), 1, Integer::sum);
          }
        }
      }
      out.printf(
          "%d writes and %d reads; reads by @@server_id: %s%n", WRITES, READS, readsByServer);
      out.printf("%-22s %-8s %6s %6s%n", "node", "role", "reads", "writes");
      for (RouterStats.NodeStats node : dataSource.stats().nodes()) {
        out.printf("%-22s %-8s %6d %6d%n", node.name(), node.role(), node.reads(), node.writes());
      }
    }
  }

  private static ReplicatedDataSource dataSource(Cluster cluster) {
    var builder =
        ReplicatedDataSource.builder()
            .name("demo")
            .primaryUrl(cluster.node(0).jdbcUrl())
            .username(cluster.users().app().user())
            .password(cluster.users().app().password());
    for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
      builder.replica(replica.jdbcUrl(), 1);
    }
    return builder.buildDataSource();
  }
}
