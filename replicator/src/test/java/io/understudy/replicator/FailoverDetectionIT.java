package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.failover.analysis.Decision;
import io.understudy.replicator.failover.analysis.NodeProbe;
import io.understudy.replicator.failover.analysis.ProbeSnapshot;
import io.understudy.replicator.failover.analysis.Situation;
import io.understudy.replicator.failover.monitor.FailoverMonitor;
import io.understudy.replicator.failover.monitor.JournalEntry;
import io.understudy.replicator.failover.monitor.MonitorConfig;
import io.understudy.replicator.failover.probe.StreamSignal;
import io.understudy.replicator.failover.topology.Topology;
import io.understudy.replicator.failover.topology.TopologyStore;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection-only monitor against real servers and a running replicator: node-0 is the primary,
 * node-1 and node-2 replicas. The failure timeout is 2s here, not the default 1s, so that a loaded
 * test machine (a heartbeat delayed past 1s) cannot fake a silent stream; check interval and probe
 * timeout are the defaults (500ms, 1s).
 */
@ClusterTest(nodes = 3)
class FailoverDetectionIT {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverDetectionIT.class);
  private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @Test
  void primaryStoppedForHalfTheFailureTimeout_neverFailsOver(Cluster cluster) throws Exception {
    try (Replicator replicator = startReplicator(cluster);
        FailoverMonitor monitor = startMonitor(cluster, replicator, cluster.node(0).port())) {
      awaitDecision(monitor, Situation.HEALTHY);
      cluster.node(0).pause();
      try {
        Thread.sleep(FAILURE_TIMEOUT.dividedBy(2).toMillis()); // the stall under test
      } finally {
        cluster.node(0).resume();
      }
      // Watch for twice the failure timeout after the stall: every change of decision is
      // journaled, so even a FailOver that lasted one round would be seen.
      await()
          .during(FAILURE_TIMEOUT.multipliedBy(2))
          .atMost(FAILURE_TIMEOUT.multipliedBy(4))
          .until(() -> decided(monitor, Situation.PRIMARY_DEAD).isEmpty());
      assertThat(monitor.latestDecision().orElseThrow().situation()).isEqualTo(Situation.HEALTHY);
    }
  }

  @Test
  void primaryKilled_failsOverToTheMostAdvancedReplica(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".item";
    // node-2 is preferred by priority; holding it behind shows that position comes first.
    MonitorConfig config = monitorConfig(cluster, cluster.node(0).port(), 10);
    try (Replicator replicator = startReplicator(cluster)) {
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY)");
      E2e.awaitIdentical(cluster, table, GENEROUS);
      try (FailoverMonitor monitor = startMonitor(config, replicator);
          Connection lock = cluster.node(2).connect(cluster.users().admin());
          Statement statement = lock.createStatement()) {
        awaitDecision(monitor, Situation.HEALTHY);
        // The global read lock stops node-2 applying while it still answers probes.
        statement.execute("FLUSH TABLES WITH READ LOCK");
        for (int i = 1; i <= 5; i++) {
          E2e.write(cluster, "INSERT INTO " + table + " VALUES (" + i + ")");
        }
        await().atMost(GENEROUS).until(() -> E2e.rows(cluster.node(1), cluster, table).size() == 5);
        await()
            .atMost(GENEROUS)
            .until(() -> applied(monitor, "node-1") > applied(monitor, "node-2"));

        Instant killedAt = Instant.now();
        cluster.node(0).kill();
        JournalEntry failOver = awaitDecision(monitor, Situation.PRIMARY_DEAD);
        Duration detection = Duration.between(killedAt, failOver.at());
        LOG.info("SIGKILL of the primary to FailOver decided: {} ms", detection.toMillis());

        assertThat(failOver.node()).isEqualTo("node-1");
        Decision.FailOver decision = (Decision.FailOver) monitor.latestDecision().orElseThrow();
        assertThat(decision.candidate()).isEqualTo("node-1");
        assertThat(recoveryEntries(monitor))
            .singleElement()
            .satisfies(e -> assertThat(e.outcome()).isEqualTo("not configured"));
        // failureTimeout + 2 x checkInterval + probeTimeout is 4s; asserted loosely on purpose.
        assertThat(detection).isLessThan(GENEROUS);
        assertThat(detection).isGreaterThanOrEqualTo(FAILURE_TIMEOUT.minusMillis(600));
        statement.execute("UNLOCK TABLES");
      }
    }
  }

  @Test
  void primaryStoppedPastTheFailureTimeout_failsOver(Cluster cluster) throws Exception {
    try (Replicator replicator = startReplicator(cluster);
        FailoverMonitor monitor = startMonitor(cluster, replicator, cluster.node(0).port())) {
      awaitDecision(monitor, Situation.HEALTHY);
      Instant stoppedAt = Instant.now();
      cluster.node(0).pause();
      try {
        JournalEntry failOver = awaitDecision(monitor, Situation.PRIMARY_DEAD);
        LOG.info(
            "SIGSTOP of the primary to FailOver decided: {} ms",
            Duration.between(stoppedAt, failOver.at()).toMillis());
        assertThat(failOver.node()).isIn("node-1", "node-2");
        assertThat(Duration.between(stoppedAt, failOver.at()))
            .isGreaterThanOrEqualTo(FAILURE_TIMEOUT.minusMillis(600));
        ProbeSnapshot snapshot = monitor.latestSnapshot().orElseThrow();
        assertThat(snapshot.streamUp()).isFalse();
        assertThat(snapshot.primary().reachable()).isFalse();

        // Closed while a probe of the stopped primary may be waiting: no thread stays behind.
        monitor.close();
        assertThat(monitorThreads()).isEmpty();
      } finally {
        cluster.node(0).resume();
      }
    }
  }

  @Test
  void replicaKilled_deadReplicasWhileThePrimaryStaysHealthy(Cluster cluster) throws Exception {
    try (Replicator replicator = startReplicator(cluster);
        FailoverMonitor monitor = startMonitor(cluster, replicator, cluster.node(0).port())) {
      awaitDecision(monitor, Situation.HEALTHY);
      cluster.node(2).kill();
      JournalEntry dead = awaitDecision(monitor, Situation.DEAD_REPLICAS);
      assertThat(dead.node()).isEqualTo("node-2");
      assertThat(monitor.latestSnapshot().orElseThrow().primary().reachable()).isTrue();
      await()
          .during(FAILURE_TIMEOUT.multipliedBy(2))
          .atMost(FAILURE_TIMEOUT.multipliedBy(4))
          .until(
              () ->
                  monitor.latestDecision().orElseThrow() instanceof Decision.DeadReplicas d
                      && d.replicas().equals(List.of("node-2")));
      assertThat(decided(monitor, Situation.PRIMARY_DEAD)).isEmpty();
    }
  }

  @Test
  void primaryUnreachableForTheMonitorWhileTheStreamIsUp_isNoFailover(Cluster cluster)
      throws Exception {
    // The monitor's path to the primary is broken (a port nothing listens on); the replicator
    // reaches it on the right port and keeps streaming the heartbeat.
    try (Replicator replicator = startReplicator(cluster);
        FailoverMonitor monitor = startMonitor(cluster, replicator, unusedPort())) {
      awaitDecision(monitor, Situation.PRIMARY_UNREACHABLE_STREAM_UP);
      await()
          .during(FAILURE_TIMEOUT.multipliedBy(2))
          .atMost(FAILURE_TIMEOUT.multipliedBy(4))
          .until(
              () ->
                  monitor.latestDecision().orElseThrow().situation()
                      == Situation.PRIMARY_UNREACHABLE_STREAM_UP);
      ProbeSnapshot snapshot = monitor.latestSnapshot().orElseThrow();
      assertThat(snapshot.primary().reachable()).isFalse();
      assertThat(snapshot.streamUp()).isTrue();
      assertThat(snapshot.replicas()).allMatch(NodeProbe::reachable);
      assertThat(decided(monitor, Situation.PRIMARY_DEAD)).isEmpty();
    }
  }

  @Test
  @FreshCluster // the published epoch would outlive the test on a shared cluster
  void anEpochPublishedOnOneNode_isAdopted(Cluster cluster) throws Exception {
    try (Replicator replicator = startReplicator(cluster);
        FailoverMonitor monitor = startMonitor(cluster, replicator, cluster.node(0).port())) {
      awaitDecision(monitor, Situation.HEALTHY);
      Topology configured = monitor.latestSnapshot().orElseThrow().topology();
      Topology published = new Topology(7, configured.members(), "published by the test");
      new TopologyStore("FailoverDetectionIT", Clock.systemUTC())
          .publish(
              published,
              cluster.node(2).jdbcUrl(),
              cluster.users().replicator().user(),
              cluster.users().replicator().password());

      await()
          .atMost(GENEROUS)
          .until(() -> monitor.latestSnapshot().orElseThrow().topology().epoch() == 7);
      assertThat(monitor.journal())
          .filteredOn(e -> e.step().equals("topology"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo("adopted");
                assertThat(e.why()).startsWith("epoch 7 read from node-2");
              });
      assertThat(monitor.latestDecision().orElseThrow().situation()).isEqualTo(Situation.HEALTHY);
    }
  }

  private static Replicator startReplicator(Cluster cluster) throws Exception {
    Replicator replicator = new Replicator(E2e.config(cluster)).start();
    E2e.awaitStreaming(replicator);
    // The stream signal needs one delivered transaction; the heartbeat gives it.
    await()
        .atMost(GENEROUS)
        .until(() -> replicator.capture().progress().lastTransactionAt().isPresent());
    return replicator;
  }

  private static FailoverMonitor startMonitor(
      Cluster cluster, Replicator replicator, int primaryPort) {
    return startMonitor(monitorConfig(cluster, primaryPort, 0), replicator);
  }

  private static FailoverMonitor startMonitor(MonitorConfig config, Replicator replicator) {
    FailoverMonitor monitor =
        new FailoverMonitor(config, StreamSignal.of(() -> replicator.capture().progress())).start();
    await().atMost(GENEROUS).until(() -> monitor.latestDecision().isPresent());
    return monitor;
  }

  private static MonitorConfig monitorConfig(Cluster cluster, int primaryPort, int node2Priority) {
    ClusterNode primary = cluster.node(0);
    return MonitorConfig.builder()
        .primary(primary.name(), primary.host(), primaryPort)
        .replica(cluster.node(1).name(), cluster.node(1).host(), cluster.node(1).port())
        .replica(cluster.node(2).name(), cluster.node(2).host(), cluster.node(2).port())
        .priority(cluster.node(2).name(), node2Priority)
        .credentials(cluster.users().replicator().user(), cluster.users().replicator().password())
        .failureTimeout(FAILURE_TIMEOUT)
        .build();
  }

  private static JournalEntry awaitDecision(FailoverMonitor monitor, Situation situation) {
    await().atMost(GENEROUS).until(() -> !decided(monitor, situation).isEmpty());
    return decided(monitor, situation).get(0);
  }

  private static List<JournalEntry> decided(FailoverMonitor monitor, Situation situation) {
    return monitor.journal().stream()
        .filter(e -> e.step().equals("decide") && e.outcome().equals(situation.name()))
        .toList();
  }

  private static List<JournalEntry> recoveryEntries(FailoverMonitor monitor) {
    return monitor.journal().stream().filter(e -> e.step().equals("recover")).toList();
  }

  private static long applied(FailoverMonitor monitor, String node) {
    return monitor
        .latestSnapshot()
        .flatMap(s -> s.probe(node))
        .map(NodeProbe::appliedSequence)
        .orElse(0L);
  }

  private static List<String> monitorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.equals("understudy-monitor") || name.startsWith("understudy-probe-"))
        .toList();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
