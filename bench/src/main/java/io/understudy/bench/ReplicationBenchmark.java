package io.understudy.bench;

import io.understudy.replicator.Replicator;
import io.understudy.replicator.ReplicatorConfig;
import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.testkit.ClusterOptions;
import io.understudy.testkit.EmbeddedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Understudy's replication against MariaDB's native replication: same binaries, same three-node
 * layout (node 0 primary, nodes 1 and 2 replicas), same workload, same run. Understudy runs on one
 * fresh cluster, native replication on another; each side then does the same two things:
 *
 * <ol>
 *   <li>OLTP ({@link ReplicationOltp}): concurrent single-row autocommit INSERTs; commits per
 *       second and the lag until each row is visible on each replica;
 *   <li>bulk ({@link ReplicationBulk}): a backlog written while replication is stopped, then
 *       replicated; rows per second until every replica has it. Debezium's capture alone on the
 *       same backlog tells what the capture costs and what the applying adds.
 * </ol>
 *
 * <p>Native replication runs single-threaded and with {@code slave_parallel_threads}. Sizes: {@code
 * -Drows=200000 -Dseconds=20 -Dwarmup=5 -Dwriters=4 -DparallelThreads=4 -DtimeoutSeconds=120}.
 */
public final class ReplicationBenchmark {

  private static final int NODES = 3;

  private ReplicationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("rows", 200_000);
    int seconds = Integer.getInteger("seconds", 20);
    int warmup = Integer.getInteger("warmup", 5);
    int writers = Integer.getInteger("writers", 4);
    int parallelThreads = Integer.getInteger("parallelThreads", 4);
    long timeoutMillis = Long.getLong("timeoutSeconds", 120) * 1000;
    ClusterOptions options = ClusterOptions.fromSystemProperties(NODES);

    List<ReplicationReport.Oltp> oltp = new ArrayList<>();
    List<ReplicationReport.Bulk> bulk = new ArrayList<>();
    double primaryRowsPerSecond;
    try (EmbeddedCluster cluster = EmbeddedCluster.start(options)) {
      ReplicationSetup.createTables(cluster, "oltp", "bulk");
      ReplicationOltp oltpRun =
          new ReplicationOltp(cluster, writers, warmup, seconds, timeoutMillis);
      ReplicationBulk bulkRun = new ReplicationBulk(cluster, rows, timeoutMillis);
      ReplicatorConfig config = ReplicationSetup.replicatorConfig(cluster);

      try (Replicator replicator = new Replicator(config).start()) {
        requireHealthy(replicator);
        oltp.add(oltpRun.run("Understudy", "oltp"));
        requireHealthy(replicator);
      }
      SourcePosition before = ReplicationSetup.lowestStoredPosition(cluster);
      primaryRowsPerSecond = bulkRun.load("bulk");
      // Capture alone, before and after Understudy, so neither side gets the warmer JVM only.
      ReplicationReport.Bulk captureBefore = bulkRun.captureOnly("bulk", before, "before");
      AtomicReference<Replicator> replicator = new AtomicReference<>();
      try {
        bulk.add(
            bulkRun.replicate(
                "Understudy", "bulk", () -> replicator.set(new Replicator(config).start())));
        requireHealthy(replicator.get());
      } finally {
        if (replicator.get() != null) {
          replicator.get().close();
        }
      }
      bulk.add(captureBefore);
      bulk.add(bulkRun.captureOnly("bulk", before, "after"));
    }

    try (EmbeddedCluster cluster = EmbeddedCluster.start(options)) {
      ReplicationSetup.createTables(cluster, "oltp_1", "oltp_n", "bulk_1", "bulk_n");
      ReplicationOltp oltpRun =
          new ReplicationOltp(cluster, writers, warmup, seconds, timeoutMillis);
      ReplicationBulk bulkRun = new ReplicationBulk(cluster, rows, timeoutMillis);
      String single = "native, 1 applier thread";
      String parallel = "native, slave_parallel_threads=" + parallelThreads;
      try (ReplicationNative replication = new ReplicationNative(cluster)) {
        ReplicationBulk.Starter start =
            () -> {
              replication.start();
              replication.awaitRunning();
            };
        replication.stop(0);
        start.start();
        oltp.add(oltpRun.run(single, "oltp_1"));
        replication.stop(parallelThreads);
        start.start();
        oltp.add(oltpRun.run(parallel, "oltp_n"));

        replication.stop(0);
        bulkRun.load("bulk_1");
        bulk.add(bulkRun.replicate(single, "bulk_1", start));
        replication.stop(parallelThreads);
        bulkRun.load("bulk_n");
        bulk.add(bulkRun.replicate(parallel, "bulk_n", start));
        replication.stop(0);
      }
    }

    ReplicationReport.printOltp(oltp, writers, seconds);
    ReplicationReport.printBulk(bulk, primaryRowsPerSecond);
    ReplicationReport.printCpu(oltp, bulk);
  }

  private static void requireHealthy(Replicator replicator) {
    if (replicator.capture().state() != BinlogCapture.State.RUNNING) {
      throw new IllegalStateException(
          "Capture is " + replicator.capture().state(), replicator.capture().failure());
    }
    for (ReplicaApplier applier : replicator.appliers()) {
      if (applier.state() != ApplierState.RUNNING) {
        throw new IllegalStateException(
            "Applier of " + applier.replica() + " is " + applier.state(), applier.lastError());
      }
    }
  }
}
