package io.understudy.replicator.failover.analysis;

import io.understudy.replicator.failover.analysis.Candidate.Standing;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the replicas for promotion: eligible ones first; among them the highest applied position
 * (the least data lost), then the highest priority, then the name, so that the same snapshot always
 * gives the same choice.
 *
 * @param candidates every replica of the topology, best first
 * @param newestKnown the highest source sequence anyone was seen to hold: the primary's last probed
 *     binlog position or the most advanced replica's applied position, whichever is higher
 */
record CandidateRanking(List<Candidate> candidates, long newestKnown) {

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparing((Candidate c) -> !c.eligible())
          .thenComparing(Candidate::appliedSequence, Comparator.reverseOrder())
          .thenComparing(Candidate::priority, Comparator.reverseOrder())
          .thenComparing(Candidate::node);

  static CandidateRanking of(ProbeSnapshot snapshot, FailoverPolicy policy) {
    long newest = 0;
    NodeProbe primary = snapshot.primary();
    if (primary.binlogPosition() != null) {
      newest = primary.binlogPosition().sequence();
    }
    for (NodeProbe replica : snapshot.replicas()) {
      newest = Math.max(newest, replica.appliedSequence());
    }
    long newestKnown = newest;
    List<Candidate> ranked =
        snapshot.replicas().stream()
            .map(replica -> candidate(replica, newestKnown, policy))
            .sorted(BEST_FIRST)
            .toList();
    return new CandidateRanking(ranked, newestKnown);
  }

  private static Candidate candidate(NodeProbe replica, long newestKnown, FailoverPolicy policy) {
    long lag = newestKnown - replica.appliedSequence();
    Standing standing;
    if (!replica.reachable()) {
      standing = Standing.UNREACHABLE;
    } else if (replica.neverPromote()) {
      standing = Standing.NEVER_PROMOTE;
    } else if (lag > policy.maxPromotionLag()) {
      standing = Standing.TOO_FAR_BEHIND;
    } else {
      standing = Standing.ELIGIBLE;
    }
    return new Candidate(
        replica.node(), replica.appliedSequence(), lag, replica.priority(), standing);
  }

  boolean hasEligible() {
    return !candidates.isEmpty() && candidates.get(0).eligible();
  }

  Candidate best() {
    return candidates.get(0);
  }

  List<Candidate> with(Standing standing) {
    return candidates.stream().filter(c -> c.standing() == standing).toList();
  }

  /** Why the best beat the runner-up, when their positions tie; empty otherwise. */
  String tieBreak() {
    List<Candidate> eligible = with(Standing.ELIGIBLE);
    if (eligible.size() < 2 || eligible.get(1).appliedSequence() != best().appliedSequence()) {
      return "";
    }
    Candidate second = eligible.get(1);
    if (second.priority() != best().priority()) {
      return "; tied in position with "
          + second.node()
          + ", preferred by priority "
          + best().priority()
          + " over "
          + second.priority();
    }
    return "; tied in position and priority with " + second.node() + ", chosen by name";
  }
}
