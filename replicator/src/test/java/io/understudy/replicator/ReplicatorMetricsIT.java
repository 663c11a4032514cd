package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The meters of {@link ReplicatorMetrics} read a running replicator: they exist per replica, the
 * lag is finite and small while replicas keep up and grows on a frozen one, queue depth and
 * positions move, and closing the binder removes every meter.
 */
@ClusterTest(nodes = 3)
class ReplicatorMetricsIT {

  private static final String PREFIX = "understudy.replication.";
  private static final double CURRENT_MILLIS = 2_000;

  @Test
  @FreshCluster
  void metersFollowTheReplicationAndLeaveWithTheBinder(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".t";
    MeterRegistry registry = new SimpleMeterRegistry();
    ClusterNode frozen = cluster.node(2);
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      ReplicatorMetrics metrics = new ReplicatorMetrics(replicator);
      metrics.bindTo(registry);
      List<String> replicas = List.of(cluster.node(1).name(), frozen.name());
      for (String replica : replicas) {
        for (String name : List.of("lag", "applied.sequence", "queue.depth", "applied.rows")) {
          assertThat(replicaMeter(registry, name, replica).meter()).isNotNull();
        }
        assertThat(state(registry, replica, "RUNNING")).isEqualTo(1);
        assertThat(state(registry, replica, "STOPPED_FAILED")).isZero();
      }
      assertThat(registry.get(PREFIX + "capture.state").tag("state", "RUNNING").gauge().value())
          .isEqualTo(1);

      // The heartbeat alone makes the lag known and current on both replicas.
      for (String replica : replicas) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(lag(registry, replica)).isLessThan(CURRENT_MILLIS));
      }
      double sequenceBefore = sequence(registry, frozen.name());
      double capturedBefore = captured(registry);
      E2e.write(
          cluster,
          "CREATE TABLE " + table + " (id INT PRIMARY KEY)",
          "INSERT INTO " + table + " VALUES (1), (2), (3)");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(sequence(registry, frozen.name())).isGreaterThan(sequenceBefore);
                assertThat(captured(registry)).isGreaterThanOrEqualTo(capturedBefore + 2);
                assertThat(applied(registry, frozen.name(), "transactions")).isGreaterThan(2);
                assertThat(applied(registry, frozen.name(), "rows")).isGreaterThan(3);
              });
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  lag(registry, replicas.get(0)) < CURRENT_MILLIS
                      && lag(registry, frozen.name()) < CURRENT_MILLIS);

      // Frozen: heartbeats queue up for it, its lag grows, its position stands still; the other
      // replica stays current.
      frozen.pause();
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(queueDepth(registry, frozen.name())).isGreaterThanOrEqualTo(3);
                  assertThat(lag(registry, frozen.name())).isGreaterThan(CURRENT_MILLIS);
                });
        assertThat(lag(registry, replicas.get(0))).isLessThan(CURRENT_MILLIS);
        assertThat(queueDepth(registry, replicas.get(0))).isLessThan(3);
      } finally {
        frozen.resume();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(queueDepth(registry, frozen.name())).isZero();
                assertThat(lag(registry, frozen.name())).isLessThan(CURRENT_MILLIS);
              });
      assertThat(sequence(registry, frozen.name()))
          .isEqualTo(sequence(registry, replicas.get(0)), offset(2.0));

      metrics.close();
      assertThat(registry.getMeters())
          .extracting(meter -> meter.getId().getName())
          .noneMatch(name -> name.startsWith(PREFIX));
    }
  }

  private static RequiredSearch replicaMeter(MeterRegistry registry, String name, String replica) {
    return registry.get(PREFIX + name).tag("replica", replica);
  }

  private static double lag(MeterRegistry registry, String replica) {
    return replicaMeter(registry, "lag", replica).gauge().value();
  }

  private static double sequence(MeterRegistry registry, String replica) {
    return replicaMeter(registry, "applied.sequence", replica).gauge().value();
  }

  private static double queueDepth(MeterRegistry registry, String replica) {
    return replicaMeter(registry, "queue.depth", replica).gauge().value();
  }

  private static double state(MeterRegistry registry, String replica, String state) {
    return replicaMeter(registry, "applier.state", replica).tag("state", state).gauge().value();
  }

  private static double applied(MeterRegistry registry, String replica, String what) {
    return replicaMeter(registry, "applied." + what, replica).functionCounter().count();
  }

  private static double captured(MeterRegistry registry) {
    return registry.get(PREFIX + "captured.transactions").functionCounter().count();
  }
}
