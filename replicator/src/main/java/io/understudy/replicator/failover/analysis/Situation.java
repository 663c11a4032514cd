package io.understudy.replicator.failover.analysis;

/**
 * Every situation the analysis recognises, in the order it checks them; each maps to one kind of
 * {@link Decision}. The table in docs/failover.md lists the same entries, and {@code
 * FailoverAnalysisTest} has a scenario for each.
 */
public enum Situation {
  /** More than one node takes writes (a reachable node with read_only=OFF besides the primary). */
  SEVERAL_WRITABLE,
  /** The primary answers and so does every replica. */
  HEALTHY,
  /** The primary answers; one or more replicas do not. */
  DEAD_REPLICAS,
  /** The primary's probes fail, but not yet for the failure timeout. */
  PRIMARY_NOT_ANSWERING,
  /**
   * The primary's probes have failed for the timeout, but the binlog stream from it is still up.
   */
  PRIMARY_UNREACHABLE_STREAM_UP,
  /** The primary is dead, but the last failover was within the cooldown. */
  WITHIN_COOLDOWN,
  /** The primary is dead and no replica answers. */
  NO_CANDIDATE,
  /** The primary is dead and every replica that answers is marked never-promote. */
  ALL_NEVER_PROMOTE,
  /**
   * The primary is dead and every promotable replica lacks more than maxPromotionLag transactions.
   */
  CANDIDATE_TOO_FAR_BEHIND,
  /** The primary is dead (both signals) and a replica may take over. */
  PRIMARY_DEAD
}
