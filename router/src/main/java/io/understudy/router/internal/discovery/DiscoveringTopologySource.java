package io.understudy.router.internal.discovery;

import io.understudy.router.Topology;
import io.understudy.router.TopologySource;
import io.understudy.router.TopologyUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topology read from the nodes: the newest epoch any reachable node publishes, read from the
 * seeds and every node they name, again every {@code refresh} and at once when the router cannot
 * reach the primary. Rules of the choice: {@link EpochChoice}. One daemon thread per data source
 * ({@code understudy-topology-<name>}) does every round after the first, which runs in the
 * constructor so that a data source that cannot route fails to build.
 */
public final class DiscoveringTopologySource implements TopologySource, AutoCloseable {

  /**
   * Demanded rounds start at most this often: a dead primary fails every write at once, and each
   * failure asks for a round.
   */
  static final Duration DEMAND_GAP = Duration.ofMillis(100);

  private static final long MAX_TIMEOUT_MILLIS = 5_000;

  private static final Logger log = LoggerFactory.getLogger(DiscoveringTopologySource.class);

  private final String dataSource;
  private final List<String> seeds;
  private final String database;
  private final Clock clock;
  private final TopologyReader reader;
  private final DiscoveryLog report;
  private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean demandQueued = new AtomicBoolean();
  private final AtomicLong rounds = new AtomicLong();
  private final ScheduledThreadPoolExecutor executor;
  private volatile PublishedTopology published;
  private volatile Topology current;
  private volatile long lastRoundMillis;

  /**
   * Reads the topology once, then every {@code refresh}.
   *
   * @param seeds {@code host:port} of the nodes to ask first
   * @param database the default database of the nodes' connections; empty for none
   * @param credentials user, password and driver properties of every node's connections
   * @throws TopologyUnavailableException when no node holds a usable topology
   */
  public DiscoveringTopologySource(
      String dataSource,
      List<String> seeds,
      String database,
      Duration refresh,
      Properties credentials,
      Clock clock) {
    this.dataSource = dataSource;
    this.seeds = List.copyOf(seeds);
    this.database = database;
    this.clock = clock;
    this.reader = new TopologyReader(readerProperties(credentials, refresh));
    this.report = new DiscoveryLog(dataSource);
    Round first = round();
    if (current == null) {
      reader.close();
      throw new TopologyUnavailableException(dataSource, this.seeds, first.problems());
    }
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "understudy-topology-" + dataSource);
              thread.setDaemon(true);
              return thread;
            });
    // On close, a demanded round still waiting for its turn is dropped, not run.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.scheduleWithFixedDelay(
        this::safeRound, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Time-outs of the refresh, between 1 and 5 seconds: a dead node must not stall a round for long,
   * and a slow network must still let a node answer.
   */
  private static Properties readerProperties(Properties credentials, Duration refresh) {
    Properties properties = new Properties();
    properties.putAll(credentials);
    String timeout =
        String.valueOf(Math.min(MAX_TIMEOUT_MILLIS, Math.max(1_000, refresh.toMillis())));
    properties.setProperty("connectTimeout", timeout);
    properties.setProperty("socketTimeout", timeout);
    return properties;
  }

  @Override
  public Topology current() {
    return current;
  }

  @Override
  public void subscribe(Consumer<Topology> listener) {
    listeners.add(listener);
  }

  /**
   * Reads the topology again at once, since the primary may have moved. Demands that arrive while
   * one is queued join it; a demanded round starts no sooner than {@link #DEMAND_GAP} after the
   * last round started.
   */
  @Override
  public void primaryUnreachable() {
    if (!demandQueued.compareAndSet(false, true)) {
      return;
    }
    long wait = Math.max(0, lastRoundMillis + DEMAND_GAP.toMillis() - clock.millis());
    try {
      executor.schedule(
          () -> {
            demandQueued.set(false);
            safeRound();
          },
          wait,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      demandQueued.set(false); // closed
    }
  }

  /** Rounds of reading the nodes so far, the first included. */
  public long rounds() {
    return rounds.get();
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      log.error("{}: reading the topology failed unexpectedly", dataSource, e);
    }
  }

  /** What one round read and what could not be read, for the start-up error. */
  private record Round(List<Reading> readings, EpochChoice.Decision decision) {
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      for (Reading reading : readings) {
        if (reading instanceof Reading.Failed failed) {
          problems.add(failed.node() + ": " + failed.reason());
        }
      }
      problems.addAll(decision.problems());
      return problems;
    }
  }

  private Round round() {
    lastRoundMillis = clock.millis();
    rounds.incrementAndGet();
    PublishedTopology routed = published;
    List<String> known =
        routed == null
            ? List.of()
            : routed.serving().stream().map(PublishedTopology.Member::address).toList();
    List<Reading> readings = TopologyCrawl.readAll(seeds, known, reader::read);
    Set<String> asked = new HashSet<>();
    readings.forEach(reading -> asked.add(reading.node()));
    reader.retain(asked);
    EpochChoice.Decision decision =
        EpochChoice.decide(routed == null ? -1 : routed.epoch(), readings);
    report.round(readings, decision);
    decision.adopt().ifPresent(this::adopt);
    return new Round(readings, decision);
  }

  private void adopt(PublishedTopology next) {
    Topology topology = next.toTopology(database);
    published = next;
    current = topology;
    log.info("{}: routing on topology {}", dataSource, next.describe());
    listeners.forEach(listener -> listener.accept(topology));
  }

  /**
   * Stops the thread: a round under way may finish (an interrupt would break a pool being closed
   * for a node that left the topology), one still to come does not start.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}
