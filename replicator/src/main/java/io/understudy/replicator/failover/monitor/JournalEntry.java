package io.understudy.replicator.failover.monitor;

import java.time.Instant;

/**
 * One line of the monitor's audit journal.
 *
 * @param at when it happened (for a decision: the snapshot's time)
 * @param step what the monitor was doing: {@code decide}, {@code recover}, {@code topology}, {@code
 *     analyse}
 * @param node whom it concerns (the primary, the candidate, the dead replicas); may be empty
 * @param outcome for {@code decide} the situation's name ({@code PRIMARY_DEAD}, ...); for {@code
 *     recover} {@code not configured}, {@code done} or {@code failed}
 * @param why the explanation, in words an operator can act on
 */
public record JournalEntry(Instant at, String step, String node, String outcome, String why) {

  @Override
  public String toString() {
    return at + " " + step + " " + (node.isEmpty() ? "-" : node) + " " + outcome + ": " + why;
  }
}
