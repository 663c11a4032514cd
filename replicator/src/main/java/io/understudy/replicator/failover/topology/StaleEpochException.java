package io.understudy.replicator.failover.topology;

/**
 * A publish was refused because the node already holds an epoch at least as high: another monitor
 * (or an earlier run of this one) published after the topology this one was derived from. Writing
 * anyway would let an old decision overrule a newer one, which is what epochs exist to prevent.
 */
public final class StaleEpochException extends Exception {

  private static final long serialVersionUID = 1L;

  private final long refusedEpoch;
  private final transient PublishedTopology newest;

  StaleEpochException(String node, long refusedEpoch, PublishedTopology newest) {
    super(
        "refused to publish epoch "
            + refusedEpoch
            + " on "
            + node
            + ": it already holds "
            + newest
            + ". Re-read the newest topology, derive the next epoch from it and decide again.");
    this.refusedEpoch = refusedEpoch;
    this.newest = newest;
  }

  /** The epoch that was not written. */
  public long refusedEpoch() {
    return refusedEpoch;
  }

  /** What the node holds instead. */
  public PublishedTopology newest() {
    return newest;
  }
}
