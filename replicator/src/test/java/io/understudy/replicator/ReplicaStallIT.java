package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.fanout.ReplicaFeed;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A replica that stops taking transactions (paused, killed) leaves the stream instead of stalling
 * it, and rejoins by catching up on its own once it is back. The queues are made small so that the
 * stalled replica's queue fills within the test's writes.
 */
@ClusterTest(nodes = 3)
class ReplicaStallIT {

  private static final int QUEUE = 50;

  @Test
  @FreshCluster
  void aPausedReplicaLeavesTheStreamAndCatchesUpWhenResumed(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".event";
    ClusterNode stalled = cluster.node(2);
    try (Replicator replicator = new Replicator(config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(20));

      stalled.pause();
      try {
        E2e.insertRange(cluster, table, 1, 2_000, 1, id -> "(" + id + ", 'v" + id + "')");
        // Twenty queues' worth went by: node-1 got them all while node-2 could take none.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> E2e.count(cluster.node(1), cluster, table) == 2_000);
        assertThat(feed(replicator, stalled).mode()).isEqualTo(ReplicaFeed.Mode.DETACHED);
        assertThat(feed(replicator, stalled).detachedBecause()).contains("stayed full");
      } finally {
        stalled.resume();
      }
      E2e.insertRange(cluster, table, 2_001, 500, 1, id -> "(" + id + ", 'v" + id + "')");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(60));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> feed(replicator, stalled).mode() == ReplicaFeed.Mode.ATTACHED);
      // Attached again, it takes the main stream's transactions.
      E2e.insertRange(cluster, table, 2_501, 100, 1, id -> "(" + id + ", 'v" + id + "')");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));
    }
  }

  @Test
  @FreshCluster
  void aReplicaKilledDuringA20kRowLoadCatchesUpFromItsStoredPosition(
      Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".load";
    ClusterNode killed = cluster.node(2);
    try (Replicator replicator = new Replicator(config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(20));

      E2e.insertRange(cluster, table, 1, 5_000, 10, id -> "(" + id + ", 'v" + id + "')");
      killed.kill();
      E2e.insertRange(cluster, table, 5_001, 15_000, 10, id -> "(" + id + ", 'v" + id + "')");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> E2e.count(cluster.node(1), cluster, table) == 20_000);
      assertThat(feed(replicator, killed).mode()).isEqualTo(ReplicaFeed.Mode.DETACHED);
      assertThat(feed(replicator, killed).detachedBecause()).contains("unreachable");

      killed.restart();
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(90));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> feed(replicator, killed).mode() == ReplicaFeed.Mode.ATTACHED);
      assertThat(E2e.count(killed, cluster, table)).isEqualTo(20_000);
    }
  }

  @Test
  @FreshCluster
  void replicasThatAllStopApplyingLeaveTheStreamAndBothCatchUp(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".event";
    try (Replicator replicator = new Replicator(config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(20));

      cluster.node(1).pause();
      cluster.node(2).pause();
      try {
        E2e.insertRange(cluster, table, 1, 1_000, 1, id -> "(" + id + ", 'v" + id + "')");
        // No queue has room and no replica applies: holding the stream back would help nobody.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    replicator.feeds().stream()
                        .allMatch(feed -> feed.mode() == ReplicaFeed.Mode.DETACHED));
        // The first to fill may leave because the other still had room; the last one left can
        // only leave because nobody applies anything.
        assertThat(replicator.feeds())
            .anySatisfy(feed -> assertThat(feed.detachedBecause()).contains("applied nothing"));
      } finally {
        cluster.node(1).resume();
        cluster.node(2).resume();
      }
      E2e.insertRange(cluster, table, 1_001, 200, 1, id -> "(" + id + ", 'v" + id + "')");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(60));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  replicator.feeds().stream()
                      .allMatch(feed -> feed.mode() == ReplicaFeed.Mode.ATTACHED));
    }
  }

  private static ReplicatorConfig config(Cluster cluster) {
    ReplicatorConfig base = E2e.config(cluster);
    return new ReplicatorConfig(
            base.primary(), base.replicas(), base.user(), base.password(), base.serverId(), QUEUE)
        .withDetachAfter(Duration.ofMillis(500));
  }

  private static ReplicaFeed feed(Replicator replicator, ClusterNode node) {
    return replicator.feeds().stream()
        .filter(feed -> feed.replica().equals(node.name()))
        .findFirst()
        .orElseThrow();
  }
}
