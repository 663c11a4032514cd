package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.analysis.Decision;

/**
 * What makes two decisions the same for the journal: the situation and whom it names. The
 * explanation is left out because it carries durations that grow every round.
 */
final class DecisionKey {

  private DecisionKey() {}

  static String of(Decision decision) {
    return decision.situation() + " " + subject(decision);
  }

  /** The node or nodes the decision is about. */
  static String subject(Decision decision) {
    if (decision instanceof Decision.Healthy healthy) {
      return healthy.primary();
    }
    if (decision instanceof Decision.DeadReplicas dead) {
      return String.join(",", dead.replicas());
    }
    if (decision instanceof Decision.PrimarySuspect suspect) {
      return suspect.primary();
    }
    if (decision instanceof Decision.FailOver failOver) {
      return failOver.candidate();
    }
    return "";
  }
}
