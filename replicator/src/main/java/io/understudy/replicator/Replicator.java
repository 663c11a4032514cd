package io.understudy.replicator;

import io.understudy.replicator.apply.ApplierConfig;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.apply.StoredPositions;
import io.understudy.replicator.bootstrap.SnapshotCopier;
import io.understudy.replicator.bootstrap.SnapshotResult;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.fanout.FanOut;
import io.understudy.replicator.fanout.ReplicaFeed;
import io.understudy.replicator.heartbeat.HeartbeatWriter;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.schema.UnderstudySchema;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the primary's binlog and applies every source transaction to each replica, exactly once,
 * atomically, in order. Usable as a library: {@code start} it, {@code close} it.
 *
 * <p>Start-up: the {@code understudy} schema is migrated on every node; each replica's applied
 * position is read, and a replica without one (never replicated to) is first filled from a
 * consistent snapshot of the primary ({@link SnapshotCopier}); capture resumes right after the
 * lowest position (appliers skip what their replica already holds). {@link #addReplica} does the
 * same for a node added while running. A {@link FanOut} hands each transaction to every replica's
 * queue; a replica that cannot keep up leaves the stream and catches up with a capture of its own
 * (docs/replication.md, "Fan-out"). While running, a {@link HeartbeatWriter} writes {@code
 * understudy.heartbeat} on the primary, whose rows replicate like user data so that each replica's
 * lag can be measured.
 */
public final class Replicator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Replicator.class);

  /** Lifecycle; moves forward only. */
  public enum State {
    CREATED,
    RUNNING,
    CLOSED
  }

  private final ReplicatorConfig config;
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final List<ReplicaApplier> appliers = new CopyOnWriteArrayList<>();
  private final Set<String> names = new HashSet<>(); // guarded by this
  private int nextIndex; // guarded by this
  private FanOut fanOut;
  private BinlogCapture capture;
  private HeartbeatWriter heartbeat;

  public Replicator(ReplicatorConfig config) {
    this.config = config;
  }

  /** Starts replicating; throws, having started nothing, when a node is unusable. */
  public synchronized Replicator start() throws SQLException {
    if (!state.compareAndSet(State.CREATED, State.RUNNING)) {
      throw new IllegalStateException("Replicator is " + state.get() + ", not CREATED");
    }
    try {
      return startReplicating();
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Replicator startReplicating() throws SQLException {
    migrate(config.primary());
    SourcePosition resumeAfter = null;
    for (ReplicatorConfig.Endpoint replica : config.replicas()) {
      migrate(replica);
      SourcePosition applied = appliedPosition(replica);
      if (applied == null) {
        // Never replicated to (or its copy was interrupted): copy a snapshot, whose position is
        // where its stream begins. The capture below starts at the lowest position of all.
        applied = bootstrap(replica);
      }
      if (resumeAfter == null || resumeAfter.isAfter(applied)) {
        resumeAfter = applied;
      }
    }
    CaptureConfig capture =
        CaptureConfig.of(
                config.primary().host(),
                config.primary().port(),
                config.user(),
                config.password(),
                config.serverId())
            .filtering(config.filter());
    this.fanOut =
        new FanOut(
            config.detachAfter(),
            (index, after, sink) ->
                new BinlogCapture(
                    capture.withServerId(config.catchUpServerId(index)).startingAfter(after),
                    sink));
    names.add(config.primary().name());
    for (ReplicatorConfig.Endpoint replica : config.replicas()) {
      names.add(replica.name());
      ReplicaApplier applier = startApplier(replica);
      appliers.add(applier);
      fanOut.add(applier, nextIndex++, true, null);
    }
    this.capture = new BinlogCapture(capture.startingAfter(resumeAfter), fanOut);
    this.capture.start();
    this.heartbeat =
        HeartbeatWriter.start(
            config.primary().name(),
            config.primary().jdbcUrl(),
            config.user(),
            config.password(),
            config.heartbeatInterval());
    log.info(
        "Replicating {} to {} from {}",
        config.primary().name(),
        config.replicas().stream().map(ReplicatorConfig.Endpoint::name).toList(),
        "after " + resumeAfter.gtid());
    return this;
  }

  /**
   * Adds a replica to the running replicator while the primary keeps taking writes. A node that
   * holds no applied position is first filled from a consistent snapshot of the primary; then it
   * catches up with a capture of its own from the snapshot's position (or from its stored one) and
   * joins the main stream (docs/replication.md, "Bootstrap" and "Fan-out").
   *
   * @return completes once the replica is fed (still catching up: see {@link ReplicaFeed#mode()}),
   *     or exceptionally, the replica untouched if it was refused, when it cannot be added
   */
  public CompletableFuture<ReplicaFeed> addReplica(ReplicatorConfig.Endpoint replica) {
    int index;
    synchronized (this) {
      if (state.get() != State.RUNNING) {
        throw new IllegalStateException("Replicator is " + state.get() + ", not RUNNING");
      }
      if (!names.add(replica.name())) {
        throw new IllegalArgumentException(
            "A node named " + replica.name() + " is already replicated or is the primary");
      }
      index = nextIndex++;
    }
    CompletableFuture<ReplicaFeed> added = new CompletableFuture<>();
    Thread adding =
        new Thread(
            () -> {
              try {
                added.complete(join(replica, index));
              } catch (Exception | Error e) {
                synchronized (this) {
                  names.remove(replica.name());
                }
                log.error("Adding replica {} failed: {}", replica.name(), e.getMessage(), e);
                added.completeExceptionally(e);
              }
            },
            "understudy-add-" + replica.name());
    adding.setDaemon(true);
    adding.start();
    return added;
  }

  private ReplicaFeed join(ReplicatorConfig.Endpoint replica, int index) throws SQLException {
    migrate(replica);
    SourcePosition from = appliedPosition(replica);
    if (from == null) {
      from = bootstrap(replica);
    }
    synchronized (this) {
      if (state.get() != State.RUNNING) {
        throw new IllegalStateException(
            "Replicator closed while " + replica.name() + " was being added");
      }
      ReplicaApplier applier = startApplier(replica);
      appliers.add(applier);
      log.info("{} joins after {}; it catches up first", replica.name(), from.gtid());
      return fanOut.add(applier, index, false, from);
    }
  }

  private SourcePosition bootstrap(ReplicatorConfig.Endpoint replica) throws SQLException {
    log.info(
        "{} holds no applied position: copying a snapshot of {} onto it",
        replica.name(),
        config.primary().name());
    SnapshotResult copied =
        new SnapshotCopier(
                config.primary().jdbcUrl(),
                replica.jdbcUrl(),
                config.user(),
                config.password(),
                config.filter())
            .copy();
    return copied.position();
  }

  private ReplicaApplier startApplier(ReplicatorConfig.Endpoint replica) {
    return ReplicaApplier.start(
        ApplierConfig.builder()
            .replica(replica.name())
            .jdbcUrl(replica.jdbcUrl())
            .credentials(config.user(), config.password())
            .queueCapacity(config.queueCapacity())
            .build());
  }

  private void migrate(ReplicatorConfig.Endpoint node) {
    UnderstudySchema.migrate(node.jdbcUrl(), config.user(), config.password());
  }

  private SourcePosition appliedPosition(ReplicatorConfig.Endpoint replica) throws SQLException {
    Map<String, SourcePosition> positions =
        StoredPositions.read(replica.jdbcUrl(), config.user(), config.password());
    if (positions.size() > 1) {
      throw new IllegalStateException(
          replica.name()
              + " holds positions of several GTID domains "
              + positions.keySet()
              + ": this version replicates one domain");
    }
    return positions.isEmpty() ? null : positions.values().iterator().next();
  }

  public State state() {
    return state.get();
  }

  /** Per replica, as the appliers report it. */
  public List<ReplicaApplier> appliers() {
    return List.copyOf(appliers);
  }

  /** Per replica: whether the main stream feeds it, and why it last left it. */
  public List<ReplicaFeed> feeds() {
    return fanOut == null ? List.of() : fanOut.feeds();
  }

  public BinlogCapture capture() {
    return capture;
  }

  /** Writes the heartbeat on the primary; null before {@link #start}. */
  public HeartbeatWriter heartbeat() {
    return heartbeat;
  }

  /**
   * Stops the heartbeat, the fan-out and the capture first, so nothing new is queued, then each
   * applier after its group in flight.
   */
  @Override
  public synchronized void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    if (heartbeat != null) {
      heartbeat.close();
    }
    if (fanOut != null) {
      fanOut.close(); // first: a capture waiting on a full queue could not stop
    }
    if (capture != null) {
      capture.close();
    }
    appliers.forEach(ReplicaApplier::close);
  }
}
