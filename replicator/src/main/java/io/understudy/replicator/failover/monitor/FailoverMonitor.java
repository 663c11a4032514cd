package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.analysis.Decision;
import io.understudy.replicator.failover.analysis.FailoverAnalysis;
import io.understudy.replicator.failover.analysis.FailoverPolicy;
import io.understudy.replicator.failover.analysis.NodeProbe;
import io.understudy.replicator.failover.analysis.ProbeSnapshot;
import io.understudy.replicator.failover.probe.NodeReading;
import io.understudy.replicator.failover.probe.StreamSignal;
import io.understudy.replicator.failover.recovery.Recovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster for a dead primary: every {@code checkInterval} it probes all nodes in
 * parallel, builds a {@link ProbeSnapshot}, runs {@link FailoverAnalysis}, and journals each change
 * of decision. On a {@link Decision.FailOver} it calls the configured {@link Recovery}; without one
 * it only journals that recovery is not configured. It never changes a node.
 *
 * <p>Runs on one daemon thread of its own ({@code understudy-monitor}) plus one per node for the
 * probes; {@link #close()} ends them all. The loop catches what a round throws, journals it, and
 * goes on: a monitor that stopped silently would be worse than one that reports trouble.
 */
public final class FailoverMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverMonitor.class);

  private final MonitorConfig config;
  private final FailoverPolicy policy;
  private final StreamSignal stream;
  private final Recovery recovery;
  private final Clock clock;
  private final ParallelProbes probes;
  private final Map<String, NodeHealth> health = new LinkedHashMap<>();
  private final TopologyTracker topology;
  private final AuditJournal journal = new AuditJournal();
  private final ScheduledExecutorService loop;

  /** One round's result, published as one value so readers never mix two rounds. */
  private record Round(ProbeSnapshot snapshot, Decision decision) {}

  private volatile Round latest;
  private String lastDecisionKey;
  private String lastRoundError;
  private Instant lastFailoverAt;
  private volatile boolean closed;

  /** A detection-only monitor: no recovery, the system clock. */
  public FailoverMonitor(MonitorConfig config, StreamSignal stream) {
    this(config, stream, null, Clock.systemUTC());
  }

  /**
   * @param stream when the replicator's binlog stream from the primary last delivered
   * @param recovery carries out a failover; null for detection only
   */
  public FailoverMonitor(
      MonitorConfig config, StreamSignal stream, Recovery recovery, Clock clock) {
    this.config = config;
    this.policy = config.policy();
    this.stream = stream;
    this.recovery = recovery;
    this.clock = clock;
    this.probes = new ParallelProbes(config);
    this.topology = new TopologyTracker(config, clock);
    config.nodes().forEach(node -> health.put(node.name(), new NodeHealth(node)));
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "understudy-monitor");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts probing; the first round runs at once. */
  public FailoverMonitor start() {
    LOG.info("Failover monitor starts: {}", config);
    loop.scheduleAtFixedRate(
        this::roundSafely, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The snapshot of the newest round, empty before the first round ended. */
  public Optional<ProbeSnapshot> latestSnapshot() {
    Round round = latest;
    return Optional.ofNullable(round == null ? null : round.snapshot());
  }

  /** The decision of the newest round, empty before the first round ended. */
  public Optional<Decision> latestDecision() {
    Round round = latest;
    return Optional.ofNullable(round == null ? null : round.decision());
  }

  /** Every decision change and recovery step so far, oldest first (the newest 1000). */
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  /** Stops the loop and the probes; waits for a probe in flight (bounded by the probe timeout). */
  @Override
  public void close() {
    closed = true;
    loop.shutdownNow();
    probes.close();
    try {
      if (!loop.awaitTermination(
          config.probeTimeout().toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS)) {
        LOG.warn("Failover monitor: its thread did not end after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void roundSafely() {
    try {
      round();
      lastRoundError = null;
    } catch (RuntimeException e) {
      if (closed) {
        return; // a round cut short by close(): nothing to report
      }
      String message = e.toString();
      if (!message.equals(lastRoundError)) {
        lastRoundError = message;
        journal.add(new JournalEntry(clock.instant(), "analyse", "", "failed", message));
        LOG.warn("Failover monitor: a round failed", e);
      }
    }
  }

  private void round() {
    if (closed) {
      return;
    }
    Instant started = clock.instant();
    Map<String, ParallelProbes.Result> results = probes.probeAll();
    Map<String, Long> epochs = new LinkedHashMap<>();
    for (NodeHealth node : health.values()) {
      record(node, results.get(node.node().name()), started, epochs);
    }
    Instant now = clock.instant();
    topology.follow(epochs, now).ifPresent(journal::add);
    ProbeSnapshot snapshot =
        new ProbeSnapshot(now, topology.current(), nodeProbes(), streamUp(now), lastFailoverAt);
    Decision decision = FailoverAnalysis.analyze(snapshot, policy);
    latest = new Round(snapshot, decision);
    String key = DecisionKey.of(decision);
    if (!key.equals(lastDecisionKey)) {
      lastDecisionKey = key;
      journal.add(
          new JournalEntry(
              now,
              "decide",
              DecisionKey.subject(decision),
              decision.situation().name(),
              decision.explanation()));
      if (decision instanceof Decision.FailOver failOver) {
        recover(failOver, snapshot);
      }
    }
  }

  private void record(
      NodeHealth node, ParallelProbes.Result result, Instant started, Map<String, Long> epochs) {
    String name = node.node().name();
    if (result.reading() != null) {
      NodeReading reading = result.reading();
      epochs.put(name, reading.newestEpoch());
      if (node.answered(reading)) {
        LOG.info("Failover monitor: {} answers again", name);
      }
    } else if (node.failed(started, result.error())) {
      LOG.info("Failover monitor: {} does not answer: {}", name, result.error());
    }
  }

  private List<NodeProbe> nodeProbes() {
    String stream = primaryStream();
    List<NodeProbe> list = new ArrayList<>();
    for (NodeHealth node : health.values()) {
      if (topology.current().member(node.node().name()).isPresent()) {
        list.add(node.toProbe(stream));
      }
    }
    return list;
  }

  /**
   * The stream (GTID domain) whose applied positions count: the primary's own domain, as last read
   * from it; null (each replica's only stream) while the primary was never read.
   */
  private String primaryStream() {
    NodeHealth primary = health.get(topology.current().primary().name());
    NodeReading reading = primary == null ? null : primary.lastReading();
    if (reading == null || reading.binlogPosition() == null) {
      return null;
    }
    return reading.binlogPosition().stream();
  }

  private boolean streamUp(Instant now) {
    return stream
        .lastTransactionAt()
        .map(at -> Duration.between(at, now).compareTo(policy.failureTimeout()) < 0)
        .orElse(false);
  }

  private void recover(Decision.FailOver decision, ProbeSnapshot snapshot) {
    if (recovery == null) {
      journal.add(
          new JournalEntry(
              clock.instant(),
              "recover",
              decision.candidate(),
              "not configured",
              "detection only: no recovery is configured, so "
                  + decision.candidate()
                  + " is not promoted; promote it by hand, or run the monitor with a recovery"));
      return;
    }
    try {
      String done = recovery.failOver(decision, snapshot);
      lastFailoverAt = clock.instant();
      journal.add(new JournalEntry(lastFailoverAt, "recover", decision.candidate(), "done", done));
    } catch (Exception e) {
      journal.add(
          new JournalEntry(
              clock.instant(), "recover", decision.candidate(), "failed", e.toString()));
      LOG.error("Failover monitor: recovery to {} failed", decision.candidate(), e);
    }
  }
}
