package io.understudy.replicator;

import io.understudy.replicator.apply.ApplierConfig;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.apply.StoredPositions;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.fanout.FanOut;
import io.understudy.replicator.fanout.ReplicaFeed;
import io.understudy.replicator.heartbeat.HeartbeatTable;
import io.understudy.replicator.heartbeat.HeartbeatWriter;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.schema.UnderstudySchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the primary's binlog and applies every source transaction to each replica, exactly once,
 * atomically, in order. Usable as a library: {@code start} it, {@code close} it.
 *
 * <p>Start-up: the {@code understudy} schema is migrated on every node; each replica's applied
 * position is read; capture resumes right after the lowest of them (appliers skip what their
 * replica already holds), or, when no replica has applied anything, at the primary's current
 * position. A {@link FanOut} hands each transaction to every replica's queue; a replica that cannot
 * keep up leaves the stream and catches up with a capture of its own (docs/replication.md,
 * "Fan-out"). While running, a {@link HeartbeatWriter} writes {@code understudy.heartbeat} on the
 * primary, whose rows replicate like user data so that each replica's lag can be measured.
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
  private final List<ReplicaApplier> appliers = new ArrayList<>();
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
    boolean first = true;
    for (ReplicatorConfig.Endpoint replica : config.replicas()) {
      migrate(replica);
      SourcePosition applied = appliedPosition(replica);
      if (!first && (applied == null) != (resumeAfter == null)) {
        throw new IllegalStateException(
            "Replicas disagree on whether replication ever ran ("
                + replica.name()
                + " has "
                + (applied == null ? "no applied position" : applied.gtid())
                + "): a new replica must be bootstrapped from a snapshot first, which this version"
                + " does not do yet");
      }
      if (first || (applied != null && resumeAfter.isAfter(applied))) {
        resumeAfter = applied;
      }
      first = false;
    }
    if (resumeAfter == null) {
      // Nothing ever replicated: start the heartbeat from an empty table everywhere, so that the
      // first write replicates as an INSERT every replica can apply.
      clearHeartbeat(config.primary());
      for (ReplicatorConfig.Endpoint replica : config.replicas()) {
        clearHeartbeat(replica);
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
    for (int i = 0; i < config.replicas().size(); i++) {
      ReplicaApplier applier = startApplier(config.replicas().get(i));
      appliers.add(applier);
      fanOut.add(applier, i, config.queueCapacity(), true, null);
    }
    this.capture =
        new BinlogCapture(
            resumeAfter == null ? capture : capture.startingAfter(resumeAfter), fanOut);
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
        resumeAfter == null ? "its current position" : "after " + resumeAfter.gtid());
    return this;
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

  private void clearHeartbeat(ReplicatorConfig.Endpoint node) throws SQLException {
    HeartbeatTable.clear(node.jdbcUrl(), config.user(), config.password());
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
