package io.understudy.replicator.fanout;

import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.time.Duration;

/**
 * One replica as the fan-out sees it: its applier, whether the main stream feeds it, and the last
 * transaction handed to it. Two streams (the main one and the replica's own catch-up) overlap while
 * a replica rejoins; remembering the last queued position lets each transaction in only once, so
 * the applier still receives one gap-free, ordered stream.
 */
public final class ReplicaFeed {

  /** Whether the main stream hands this replica its transactions. */
  public enum Mode {
    /** Fed by the main stream. */
    ATTACHED,
    /** Left out of the main stream; fed, once its replica can take it, by a catch-up capture. */
    DETACHED
  }

  /** What became of one transaction handed to the feed. */
  enum Delivery {
    QUEUED,
    /** The applier already has it (from the other stream). */
    SKIPPED,
    FULL
  }

  private final ReplicaApplier applier;
  private final int index;
  private volatile Mode mode;
  private volatile String detachedBecause;
  private SourcePosition lastQueued; // guarded by this

  /**
   * @param index the replica's place among the replicator's replicas, which picks its catch-up
   *     capture's server id
   * @param resumeAfter the last transaction the replica is known to hold (a bootstrap's snapshot
   *     position), or null to rely on the applier's stored position
   */
  ReplicaFeed(ReplicaApplier applier, int index, Mode mode, SourcePosition resumeAfter) {
    this.applier = applier;
    this.index = index;
    this.mode = mode;
    this.lastQueued = resumeAfter;
  }

  public ReplicaApplier applier() {
    return applier;
  }

  public String replica() {
    return applier.replica();
  }

  public Mode mode() {
    return mode;
  }

  /** Why the replica was last detached, or null if it never was. */
  public String detachedBecause() {
    return detachedBecause;
  }

  int index() {
    return index;
  }

  boolean hasRoom() {
    return applier.hasRoom();
  }

  /**
   * Queues {@code transaction} unless the applier already has it, waiting up to {@code wait} for
   * room. Synchronized so that the two streams of a rejoining replica interleave whole deliveries.
   */
  synchronized Delivery deliver(Transaction transaction, Duration wait)
      throws InterruptedException {
    if (lastQueued != null && !transaction.position().isAfter(lastQueued)) {
      return Delivery.SKIPPED;
    }
    if (!applier.offer(transaction, wait)) {
      return Delivery.FULL;
    }
    lastQueued = transaction.position();
    return Delivery.QUEUED;
  }

  /**
   * Where a catch-up capture must resume: after the last transaction queued, or, if none was, after
   * what the replica holds. Null while neither is known (the applier has not connected yet).
   */
  synchronized SourcePosition resumePoint() {
    return lastQueued != null ? lastQueued : applier.appliedPosition();
  }

  void detach(String because) {
    detachedBecause = because;
    mode = Mode.DETACHED;
  }

  void attach() {
    mode = Mode.ATTACHED;
  }
}
