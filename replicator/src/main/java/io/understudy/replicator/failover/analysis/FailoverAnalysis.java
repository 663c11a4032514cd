package io.understudy.replicator.failover.analysis;

import io.understudy.replicator.failover.analysis.Candidate.Standing;
import io.understudy.replicator.failover.analysis.Decision.Blocked;
import io.understudy.replicator.failover.analysis.Decision.DeadReplicas;
import io.understudy.replicator.failover.analysis.Decision.FailOver;
import io.understudy.replicator.failover.analysis.Decision.Healthy;
import io.understudy.replicator.failover.analysis.Decision.PrimarySuspect;
import io.understudy.replicator.failover.topology.Member;
import io.understudy.replicator.failover.topology.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a probe snapshot means for failover: a pure function, no I/O and no clock ("now" is
 * the snapshot's {@code takenAt}), so every situation is a unit test and a decision can be replayed
 * from a logged snapshot. The situations are checked in the order of {@link Situation}.
 *
 * <p>The primary counts as dead only on two independent signals: the monitor's probes have failed
 * for {@code failureTimeout}, and the replicator's binlog stream from it is down. A primary the
 * monitor cannot reach but that still streams its binlog is alive behind a broken path, and
 * promoting a replica then would give two primaries.
 */
public final class FailoverAnalysis {

  private FailoverAnalysis() {}

  public static Decision analyze(ProbeSnapshot snapshot, FailoverPolicy policy) {
    List<String> writable = writableNodes(snapshot);
    if (writable.size() > 1) {
      return new Blocked(
          Situation.SEVERAL_WRITABLE,
          "more than one node takes writes: " + String.join(", ", writable),
          "Leave exactly one node writable: set read_only=ON on the others, and if the one left"
              + " is not "
              + snapshot.topology().primary().name()
              + " (primary of epoch "
              + snapshot.topology().epoch()
              + "), publish a topology that names it; automatic failover stays off while two"
              + " nodes may accept writes",
          List.of());
    }
    NodeProbe primary = snapshot.primary();
    if (primary.reachable()) {
      return primaryAnswers(snapshot, primary);
    }
    Duration failing = Duration.between(primary.failingSince(), snapshot.takenAt());
    String silence =
        "primary "
            + primary.node()
            + " has not answered for "
            + Durations.format(failing)
            + " ("
            + primary.consecutiveFailures()
            + " failed probes)";
    if (failing.compareTo(policy.failureTimeout()) < 0) {
      return new PrimarySuspect(
          Situation.PRIMARY_NOT_ANSWERING,
          primary.node(),
          silence
              + ", less than the failure timeout of "
              + Durations.format(policy.failureTimeout())
              + "; watching");
    }
    if (snapshot.streamUp()) {
      return new PrimarySuspect(
          Situation.PRIMARY_UNREACHABLE_STREAM_UP,
          primary.node(),
          silence
              + ", but the replicator's binlog stream from it is up, so it is alive and only the"
              + " monitor's path to it is broken; no failover without both signals");
    }
    return primaryDead(snapshot, policy, silence + " and the binlog stream from it is down");
  }

  private static Decision primaryAnswers(ProbeSnapshot snapshot, NodeProbe primary) {
    List<String> dead = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (NodeProbe replica : snapshot.replicas()) {
      if (!replica.reachable()) {
        dead.add(replica.node());
        details.add(
            replica.node()
                + " ("
                + replica.consecutiveFailures()
                + " failed probes over "
                + Durations.format(Duration.between(replica.failingSince(), snapshot.takenAt()))
                + ")");
      }
    }
    if (!dead.isEmpty()) {
      return new DeadReplicas(
          dead,
          "primary "
              + primary.node()
              + " answers; replicas not answering: "
              + String.join(", ", details)
              + ". No failover: reads go to the other replicas until these return");
    }
    String stream =
        snapshot.streamUp()
            ? ""
            : "; the binlog stream from it is down, which alone never causes a failover";
    return new Healthy(
        primary.node(),
        "primary "
            + primary.node()
            + " and all "
            + snapshot.replicas().size()
            + " replicas answer"
            + stream);
  }

  private static Decision primaryDead(ProbeSnapshot snapshot, FailoverPolicy policy, String dead) {
    if (snapshot.lastFailoverAt() != null) {
      Duration since = Duration.between(snapshot.lastFailoverAt(), snapshot.takenAt());
      if (since.compareTo(policy.failoverCooldown()) < 0) {
        return new Blocked(
            Situation.WITHIN_COOLDOWN,
            dead
                + ", but the last failover was "
                + Durations.format(since)
                + " ago, within the cooldown of "
                + Durations.format(policy.failoverCooldown()),
            "Failovers this close together usually have a cause failover cannot fix; find it, then"
                + " fail over by hand, or wait until "
                + snapshot.lastFailoverAt().plus(policy.failoverCooldown()),
            List.of());
      }
    }
    CandidateRanking ranking = CandidateRanking.of(snapshot, policy);
    List<Candidate> candidates = ranking.candidates();
    if (ranking.hasEligible()) {
      Candidate best = ranking.best();
      return new FailOver(
          best.node(),
          dead
              + "; promote "
              + best.node()
              + ": highest applied position "
              + best.appliedSequence()
              + " of the eligible replicas, "
              + best.lag()
              + " transactions behind the newest known "
              + ranking.newestKnown()
              + ranking.tieBreak(),
          candidates);
    }
    if (ranking.with(Standing.UNREACHABLE).size() == candidates.size()) {
      return new Blocked(
          Situation.NO_CANDIDATE,
          dead + ", and no replica answers either: " + names(candidates),
          "Bring the primary or a replica back; failover needs a replica that answers",
          candidates);
    }
    List<Candidate> tooFar = ranking.with(Standing.TOO_FAR_BEHIND);
    if (tooFar.isEmpty()) {
      return new Blocked(
          Situation.ALL_NEVER_PROMOTE,
          dead
              + ", and every replica that answers is marked never-promote: "
              + names(ranking.with(Standing.NEVER_PROMOTE)),
          "Bring the primary back, or clear never-promote for one of them in the configuration",
          candidates);
    }
    Candidate closest = tooFar.get(0);
    return new Blocked(
        Situation.CANDIDATE_TOO_FAR_BEHIND,
        dead
            + ", and the most advanced promotable replica "
            + closest.node()
            + " lacks "
            + closest.lag()
            + " transactions (applied "
            + closest.appliedSequence()
            + ", newest known "
            + ranking.newestKnown()
            + "), more than maxPromotionLag "
            + policy.maxPromotionLag(),
        "Promoting it would lose those transactions: bring the primary back to keep them, or"
            + " accept the loss by raising maxPromotionLag or failing over by hand",
        candidates);
  }

  /**
   * Nodes that may accept writes: reachable ones with read_only=OFF, and the primary while it is
   * unreachable if it was writable when last seen, because an unreachable node cannot be shown to
   * have stopped.
   */
  private static List<String> writableNodes(ProbeSnapshot snapshot) {
    List<String> writable = new ArrayList<>();
    for (Member member : snapshot.topology().members()) {
      NodeProbe probe = snapshot.probe(member.name()).orElse(null);
      if (probe == null) {
        continue; // a fenced member the probes leave out
      }
      Role role = member.role();
      if (probe.readOnly()) {
        continue;
      }
      if (probe.reachable()) {
        writable.add(probe.node() + " (" + role.sqlName() + ", read_only=OFF)");
      } else if (role == Role.PRIMARY) {
        writable.add(probe.node() + " (primary, unreachable, writable when last seen)");
      }
    }
    return writable;
  }

  private static String names(List<Candidate> candidates) {
    return String.join(", ", candidates.stream().map(Candidate::node).toList());
  }
}
