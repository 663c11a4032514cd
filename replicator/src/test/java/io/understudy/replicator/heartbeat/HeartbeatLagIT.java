package io.understudy.replicator.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.Replicator;
import io.understudy.replicator.ReplicatorConfig;
import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat written on the primary reaches every replica through the replicator, so that the
 * router's {@code HeartbeatLagSource} query measures each replica's real lag.
 */
@ClusterTest(nodes = 3)
class HeartbeatLagIT {

  /** The query of the router's {@code HeartbeatLagSource}; null when there is no row. */
  private static final String LAG =
      "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(ts), UTC_TIMESTAMP(6)) FROM understudy.heartbeat";

  private static final Duration CURRENT = Duration.ofSeconds(2);

  @Test
  void replicasHeartbeatStaysCurrentWhileTheReplicatorRuns(Cluster cluster, TestSchema schema)
      throws Exception {
    try (Replicator replicator = started(cluster)) {
      awaitCurrent(cluster, cluster.node(1), cluster.node(2));

      // User transactions and heartbeats share the stream; for several intervals every replica
      // stays current and every applier keeps running (the heartbeat's INSERT, then UPDATEs).
      execute(
          cluster.node(0),
          cluster,
          "CREATE TABLE " + schema.name() + ".t (id INT PRIMARY KEY)",
          "INSERT INTO " + schema.name() + ".t VALUES (1), (2), (3)");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  isCurrent(lag(cluster, cluster.node(1)))
                      && isCurrent(lag(cluster, cluster.node(2))));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(cluster, cluster.node(2), schema.name() + ".t") == 3);
      assertThat(replicator.heartbeat().state()).isEqualTo(HeartbeatWriter.State.WRITING);
      assertThat(replicator.appliers()).allMatch(a -> a.state() == ApplierState.RUNNING);
      assertThat(count(cluster, cluster.node(1), "understudy.heartbeat")).isEqualTo(1);
    }
  }

  @Test
  @FreshCluster
  void pausedReplica_lagGrowsWhileTheOtherStaysCurrent_andCatchesUpAfterResume(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode current = cluster.node(1);
    ClusterNode paused = cluster.node(2);
    ExecutorService probe =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "lag-probe"));
    try (Replicator replicator = started(cluster);
        Connection pausedConnection = paused.connect(cluster.users().app())) {
      awaitCurrent(cluster, current, paused);
      ReplicaApplier pausedApplier = applierOf(replicator, paused);

      paused.pause();
      CompletableFuture<Duration> lagAtResume;
      try {
        // Heartbeats pile up for the frozen replica (one every 500 ms): 3 s worth of them.
        List<Duration> currentLags = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  currentLags.add(lag(cluster, current));
                  return pausedApplier.queueDepth() >= 6;
                });
        assertThat(currentLags).allMatch(HeartbeatLagIT::isCurrent);
        // A frozen server answers nothing: ask on a connection opened before, so that the
        // question is answered as soon as it runs again, before its applier catches up.
        lagAtResume = CompletableFuture.supplyAsync(() -> lag(pausedConnection), probe);
      } finally {
        paused.resume();
      }

      assertThat(lagAtResume.get(30, TimeUnit.SECONDS)).isGreaterThan(CURRENT);
      awaitCurrent(cluster, paused);
      assertThat(pausedApplier.state()).isEqualTo(ApplierState.RUNNING);
      assertThat(pausedApplier.queueDepth()).isLessThan(6);
      assertThat(isCurrent(lag(cluster, current))).isTrue();
    } finally {
      probe.shutdownNow();
    }
  }

  private static Replicator started(Cluster cluster) throws SQLException {
    Replicator replicator = new Replicator(config(cluster)).start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> replicator.capture().state() == BinlogCapture.State.RUNNING);
    return replicator;
  }

  /** As ReplicatorIT builds it: node 0 the primary, the others replicas, the default interval. */
  private static ReplicatorConfig config(Cluster cluster) {
    List<ReplicatorConfig.Endpoint> replicas = new ArrayList<>();
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      replicas.add(endpoint(node));
    }
    return new ReplicatorConfig(
        endpoint(cluster.node(0)),
        replicas,
        cluster.users().replicator().user(),
        cluster.users().replicator().password(),
        5411,
        1_000,
        ReplicatorConfig.DEFAULT_HEARTBEAT_INTERVAL);
  }

  private static ReplicatorConfig.Endpoint endpoint(ClusterNode node) {
    return new ReplicatorConfig.Endpoint(node.name(), node.host(), node.port());
  }

  private static ReplicaApplier applierOf(Replicator replicator, ClusterNode node) {
    return replicator.appliers().stream()
        .filter(a -> a.replica().equals(node.name()))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitCurrent(Cluster cluster, ClusterNode... replicas) {
    for (ClusterNode replica : replicas) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(lag(cluster, replica)).as(replica.name()).isLessThan(CURRENT));
    }
  }

  private static boolean isCurrent(Duration lag) {
    return lag != null && lag.compareTo(CURRENT) < 0;
  }

  /** The lag as the router measures it, as the application user; null while there is no row. */
  private static Duration lag(Cluster cluster, ClusterNode replica) throws SQLException {
    try (Connection connection = replica.connect(cluster.users().app())) {
      return lag(connection);
    }
  }

  private static Duration lag(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(LAG)) {
      row.next();
      long micros = row.getLong(1);
      return row.wasNull() ? null : Duration.ofNanos(micros * 1_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Lag query failed: " + e.getMessage(), e);
    }
  }

  private static long count(Cluster cluster, ClusterNode node, String table) throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void execute(ClusterNode node, Cluster cluster, String... statements)
      throws SQLException {
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
