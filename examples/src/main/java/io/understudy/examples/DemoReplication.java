package io.understudy.examples;

import io.understudy.replicator.Replicator;
import io.understudy.replicator.ReplicatorConfig;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** The demo's replicator: node 0's binlog applied to the other nodes. */
final class DemoReplication {

  private static final long WAIT_MILLIS = 30_000;

  private DemoReplication() {}

  static Replicator start(Cluster cluster) throws SQLException {
    List<ReplicatorConfig.Endpoint> replicas = new ArrayList<>();
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      replicas.add(endpoint(node));
    }
    Replicator replicator =
        new Replicator(
                new ReplicatorConfig(
                    endpoint(cluster.node(0)),
                    replicas,
                    cluster.users().replicator().user(),
                    cluster.users().replicator().password(),
                    5400,
                    1_000))
            .start();
    await(() -> replicator.capture().state() == BinlogCapture.State.RUNNING, "capture to start");
    return replicator;
  }

  /** Waits until every replica has applied what the primary has committed so far. */
  static void awaitCaughtUp(Cluster cluster, Replicator replicator) throws SQLException {
    long target;
    try (Connection connection = cluster.node(0).connect(cluster.users().monitor());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      row.next();
      String gtid = row.getString(1);
      target = Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
    }
    await(
        () ->
            replicator.appliers().stream()
                .allMatch(
                    applier -> {
                      SourcePosition applied = applier.appliedPosition();
                      return applied != null && applied.sequence() >= target;
                    }),
        "replicas to catch up");
  }

  static void printApplied(PrintStream out, Replicator replicator) {
    out.printf("%-8s %-22s %s%n", "replica", "applied source GTID", "queued");
    for (ReplicaApplier applier : replicator.appliers()) {
      SourcePosition applied = applier.appliedPosition();
      out.printf(
          "%-8s %-22s %d%n",
          applier.replica(), applied == null ? "-" : applied.gtid(), applier.queueDepth());
    }
  }

  private static ReplicatorConfig.Endpoint endpoint(ClusterNode node) {
    return new ReplicatorConfig.Endpoint(node.name(), node.host(), node.port());
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Timed out waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000);
    }
  }
}
