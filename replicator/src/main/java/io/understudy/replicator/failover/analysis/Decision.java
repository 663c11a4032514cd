package io.understudy.replicator.failover.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What the analysis concludes from one snapshot. Only {@link FailOver} asks the recovery stage to
 * act; every decision explains itself in words an operator can act on.
 */
public sealed interface Decision {

  /** Which entry of the situation table this is. */
  Situation situation();

  /** One or two sentences for logs and operators: what was seen, and what follows from it. */
  String explanation();

  /** The primary and every replica answer. */
  record Healthy(String primary, String explanation) implements Decision {
    @Override
    public Situation situation() {
      return Situation.HEALTHY;
    }
  }

  /** The primary answers, these replicas do not: nothing to fail over, reads go elsewhere. */
  record DeadReplicas(List<String> replicas, String explanation) implements Decision {
    public DeadReplicas {
      replicas = List.copyOf(replicas);
    }

    @Override
    public Situation situation() {
      return Situation.DEAD_REPLICAS;
    }
  }

  /**
   * The primary may be dead, but one of the two signals is missing: its probes have not failed for
   * long enough, or the binlog stream from it is still up. Watch, do not act.
   */
  record PrimarySuspect(Situation situation, String primary, String explanation)
      implements Decision {
    public PrimarySuspect {
      if (situation != Situation.PRIMARY_NOT_ANSWERING
          && situation != Situation.PRIMARY_UNREACHABLE_STREAM_UP) {
        throw new IllegalArgumentException("not a suspect situation: " + situation);
      }
    }
  }

  /**
   * Promote {@code candidate}.
   *
   * @param ranking every replica, best first: the eligible ones, then the others with the reason
   */
  record FailOver(String candidate, String why, List<Candidate> ranking) implements Decision {
    public FailOver {
      Objects.requireNonNull(candidate, "candidate");
      ranking = List.copyOf(ranking);
    }

    @Override
    public Situation situation() {
      return Situation.PRIMARY_DEAD;
    }

    @Override
    public String explanation() {
      return why;
    }
  }

  /**
   * Failover is needed or unsafe to reason about, but must not happen automatically.
   *
   * @param reason what was seen
   * @param howToUnblock what an operator can do about it
   * @param ranking the candidates as ranked (empty when ranking was not reached)
   */
  record Blocked(Situation situation, String reason, String howToUnblock, List<Candidate> ranking)
      implements Decision {
    public Blocked {
      ranking = List.copyOf(ranking);
    }

    @Override
    public String explanation() {
      return reason + ". " + howToUnblock;
    }
  }
}
