package io.understudy.replicator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.model.SourcePosition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a running {@link Replicator}'s state to Micrometer: per replica (tag {@code replica})
 * its lag, applied position, queue depth, applier state and counts, and the capture's counts and
 * state. Every meter reads the replicator when it is scraped; nothing is sampled in between.
 *
 * <p>Bind it after {@link Replicator#start()}: replicas are those of {@link Replicator#appliers()}
 * at {@link #bindTo} time. {@link #close()} removes the meters. The lag is the binder's clock minus
 * the newest heartbeat the replica's applier committed ({@code ts}, written with the primary's
 * clock), so it includes any skew between the primary's and this host's clocks. The meters are
 * listed in docs/replication.md, "Metrics".
 */
public final class ReplicatorMetrics implements MeterBinder, AutoCloseable {

  private static final String PREFIX = "understudy.replication.";

  private final Replicator replicator;
  private final Tags tags;
  private final Clock clock;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private volatile MeterRegistry registry;

  public ReplicatorMetrics(Replicator replicator) {
    this(replicator, Tags.empty(), Clock.systemUTC());
  }

  /**
   * @param tags added to every meter, to tell replicators apart in one registry
   * @param clock the "now" of the lag
   */
  public ReplicatorMetrics(Replicator replicator, Iterable<Tag> tags, Clock clock) {
    this.replicator = Objects.requireNonNull(replicator, "replicator");
    this.tags = Tags.of(tags);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    for (ReplicaApplier applier : replicator.appliers()) {
      bindReplica(registry, applier);
    }
    bindCapture(registry);
  }

  /** Removes every meter this binder registered. */
  @Override
  public void close() {
    MeterRegistry current = registry;
    if (current != null) {
      meters.forEach(current::remove);
    }
    meters.clear();
  }

  private void bindReplica(MeterRegistry registry, ReplicaApplier applier) {
    Tags replica = tags.and("replica", applier.replica());
    gauge(
        registry,
        "lag",
        "now minus the newest heartbeat applied on the replica; NaN before the first",
        "milliseconds",
        replica,
        applier,
        this::lagMillis);
    gauge(
        registry,
        "applied.sequence",
        "GTID sequence number of the last transaction applied; NaN while unknown",
        null,
        replica,
        applier,
        a -> sequence(a.appliedPosition()));
    gauge(
        registry,
        "queue.depth",
        "transactions waiting for the applier",
        "transactions",
        replica,
        applier,
        ReplicaApplier::queueDepth);
    for (ApplierState state : ApplierState.values()) {
      gauge(
          registry,
          "applier.state",
          "1 for the applier's current state, 0 for the others",
          null,
          replica.and("state", state.name()),
          applier,
          a -> a.state() == state ? 1 : 0);
    }
    counter(
        registry,
        "applied.transactions",
        "source transactions committed on the replica",
        "transactions",
        replica,
        applier,
        a -> a.progress().transactions());
    counter(
        registry,
        "applied.rows",
        "row changes committed on the replica, heartbeat rows included",
        "rows",
        replica,
        applier,
        a -> a.progress().rows());
  }

  private void bindCapture(MeterRegistry registry) {
    counter(
        registry,
        "captured.transactions",
        "source transactions captured and handed to the appliers",
        "transactions",
        tags,
        replicator,
        r -> r.capture() == null ? 0 : r.capture().progress().transactions());
    counter(
        registry,
        "captured.rows",
        "row changes captured, heartbeat rows included",
        "rows",
        tags,
        replicator,
        r -> r.capture() == null ? 0 : r.capture().progress().rows());
    for (BinlogCapture.State state : BinlogCapture.State.values()) {
      gauge(
          registry,
          "capture.state",
          "1 for the capture's current state, 0 for the others",
          null,
          tags.and("state", state.name()),
          replicator,
          r -> r.capture() != null && r.capture().state() == state ? 1 : 0);
    }
  }

  private double lagMillis(ReplicaApplier applier) {
    Instant newest = applier.progress().newestHeartbeat();
    return newest == null ? Double.NaN : clock.millis() - newest.toEpochMilli();
  }

  private static double sequence(SourcePosition position) {
    return position == null ? Double.NaN : position.sequence();
  }

  private <T> void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String unit,
      Tags meterTags,
      T source,
      ToDoubleFunction<T> value) {
    meters.add(
        Gauge.builder(PREFIX + name, source, value)
            .description(description)
            .baseUnit(unit)
            .tags(meterTags)
            .strongReference(true)
            .register(registry));
  }

  private <T> void counter(
      MeterRegistry registry,
      String name,
      String description,
      String unit,
      Tags meterTags,
      T source,
      ToDoubleFunction<T> value) {
    meters.add(
        FunctionCounter.builder(PREFIX + name, source, value)
            .description(description)
            .baseUnit(unit)
            .tags(meterTags)
            .register(registry));
  }
}
