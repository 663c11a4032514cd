package io.understudy.replicator.apply;

/** Where a {@link ReplicaApplier} is in its life. The last three are final. */
public enum ApplierState {
  /** Connected (or connecting for the first time) and applying what arrives. */
  RUNNING,
  /** Lost the replica; retrying with backoff, the transaction in flight kept for a whole retry. */
  RECONNECTING,
  /** Stopped because the replica's data differs from the source's; see {@code lastError()}. */
  STOPPED_DIVERGED,
  /** Stopped on an error that retrying cannot fix (a failing DDL, a missing schema...). */
  STOPPED_FAILED,
  /** Closed by {@code close()}. */
  CLOSED;

  public boolean isFinal() {
    return this == STOPPED_DIVERGED || this == STOPPED_FAILED || this == CLOSED;
  }
}
