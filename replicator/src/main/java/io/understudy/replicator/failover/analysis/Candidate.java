package io.understudy.replicator.failover.analysis;

/**
 * One replica as a promotion candidate.
 *
 * @param node the replica
 * @param appliedSequence GTID sequence of the last source transaction it applied (0 if none)
 * @param lag source transactions it lacks against the newest known position
 * @param priority the configured preference; higher wins a tie in position
 * @param standing whether it may be promoted, and if not, why
 */
public record Candidate(
    String node, long appliedSequence, long lag, int priority, Standing standing) {

  /** Why a replica may or may not be promoted. */
  public enum Standing {
    ELIGIBLE("eligible"),
    UNREACHABLE("unreachable"),
    NEVER_PROMOTE("never-promote"),
    TOO_FAR_BEHIND("too far behind");

    private final String label;

    Standing(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public boolean eligible() {
    return standing == Standing.ELIGIBLE;
  }

  /** E.g. {@code node-1 (applied 98, lag 2, priority 0, eligible)}. */
  @Override
  public String toString() {
    return node
        + " (applied "
        + appliedSequence
        + ", lag "
        + lag
        + ", priority "
        + priority
        + ", "
        + standing
        + ")";
  }
}
