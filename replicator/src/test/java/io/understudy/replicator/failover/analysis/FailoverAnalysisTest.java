package io.understudy.replicator.failover.analysis;

import static io.understudy.replicator.failover.analysis.Scenario.replicas;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.failover.analysis.Decision.Blocked;
import io.understudy.replicator.failover.analysis.Decision.DeadReplicas;
import io.understudy.replicator.failover.analysis.Decision.FailOver;
import io.understudy.replicator.failover.analysis.Decision.Healthy;
import io.understudy.replicator.failover.analysis.Decision.PrimarySuspect;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per situation the analysis recognises, and rows for the edges of each rule (timeouts and
 * lag exactly at their limits, every tie-break of the candidate choice). Each row asserts the kind
 * of decision, its situation, whom it names, and what its explanation says.
 */
class FailoverAnalysisTest {

  private static final FailoverPolicy POLICY = FailoverPolicy.DEFAULTS; // 1s, 5m, 100

  /**
   * @param subject the candidate of a FailOver, the replicas of DeadReplicas, the primary of
   *     Healthy and PrimarySuspect, "" for Blocked
   */
  record Row(
      Scenario scenario,
      FailoverPolicy policy,
      Class<? extends Decision> kind,
      Situation situation,
      String subject,
      String... phrases) {

    @Override
    public String toString() {
      return situation + ": " + scenario;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        // SEVERAL_WRITABLE
        row(
            replicas("node-1", "node-2").writable("node-1").as("a replica runs read_only=OFF"),
            Blocked.class,
            Situation.SEVERAL_WRITABLE,
            "",
            "more than one node takes writes: node-0 (primary, read_only=OFF), node-1 (replica,"
                + " read_only=OFF)",
            "set read_only=ON on the others",
            "not node-0 (primary of epoch 7), publish a topology that names it"),
        row(
            replicas("node-1", "node-2")
                .down("node-0", 5, ofSeconds(3))
                .streamDown()
                .writable("node-2")
                .as("primary dead and a replica already writable (someone promoted by hand?)"),
            Blocked.class,
            Situation.SEVERAL_WRITABLE,
            "",
            "node-0 (primary, unreachable, writable when last seen), node-2 (replica,"
                + " read_only=OFF)"),
        row(
            replicas("node-1")
                .fencedWritable("node-9")
                .as("a fenced old primary is writable again"),
            Blocked.class,
            Situation.SEVERAL_WRITABLE,
            "",
            "node-9 (fenced, read_only=OFF)"),
        // HEALTHY
        row(
            replicas("node-1", "node-2").as("everything answers"),
            Healthy.class,
            Situation.HEALTHY,
            "node-0",
            "primary node-0 and all 2 replicas answer"),
        row(
            replicas("node-1", "node-2").streamDown().as("stream down, primary answers"),
            Healthy.class,
            Situation.HEALTHY,
            "node-0",
            "the binlog stream from it is down, which alone never causes a failover"),
        // DEAD_REPLICAS
        row(
            replicas("node-1", "node-2", "node-3")
                .down("node-2", 3, ofSeconds(4))
                .down("node-3", 1, ofMillis(200))
                .as("two replicas do not answer"),
            DeadReplicas.class,
            Situation.DEAD_REPLICAS,
            "[node-2, node-3]",
            "primary node-0 answers; replicas not answering: node-2 (3 failed probes over 4s),"
                + " node-3 (1 failed probes over 200ms)",
            "No failover"),
        // PRIMARY_NOT_ANSWERING
        row(
            replicas("node-1", "node-2")
                .down("node-0", 2, ofMillis(400))
                .streamDown()
                .as("primary silent for 400ms"),
            PrimarySuspect.class,
            Situation.PRIMARY_NOT_ANSWERING,
            "node-0",
            "primary node-0 has not answered for 400ms (2 failed probes), less than the failure"
                + " timeout of 1s; watching"),
        row(
            replicas("node-1")
                .down("node-0", 4, ofMillis(999))
                .streamDown()
                .as("1ms short of the failure timeout"),
            PrimarySuspect.class,
            Situation.PRIMARY_NOT_ANSWERING,
            "node-0",
            "has not answered for 999ms"),
        // PRIMARY_UNREACHABLE_STREAM_UP
        row(
            replicas("node-1", "node-2")
                .down("node-0", 60, ofSeconds(30))
                .as("primary unreachable for 30s, stream still up"),
            PrimarySuspect.class,
            Situation.PRIMARY_UNREACHABLE_STREAM_UP,
            "node-0",
            "primary node-0 has not answered for 30s (60 failed probes), but the replicator's"
                + " binlog stream from it is up",
            "no failover without both signals"),
        // WITHIN_COOLDOWN
        row(
            dead(replicas("node-1", "node-2"))
                .lastFailoverAgo(ofSeconds(40))
                .as("failed over 40s ago"),
            Blocked.class,
            Situation.WITHIN_COOLDOWN,
            "",
            "primary node-0 has not answered for 2s (4 failed probes) and the binlog stream from"
                + " it is down, but the last failover was 40s ago, within the cooldown of 5m",
            "fail over by hand, or wait until 2026-05-01T10:04:20Z"),
        // NO_CANDIDATE
        row(
            dead(replicas("node-1", "node-2"))
                .down("node-1", 4, ofSeconds(2))
                .down("node-2", 4, ofSeconds(2))
                .as("primary and every replica silent"),
            Blocked.class,
            Situation.NO_CANDIDATE,
            "",
            "and no replica answers either: node-1, node-2",
            "Bring the primary or a replica back"),
        // ALL_NEVER_PROMOTE
        row(
            dead(replicas("node-1", "node-2"))
                .neverPromote("node-1", "node-2")
                .as("all never-promote"),
            Blocked.class,
            Situation.ALL_NEVER_PROMOTE,
            "",
            "every replica that answers is marked never-promote: node-1, node-2",
            "clear never-promote for one of them"),
        row(
            dead(replicas("node-1", "node-2"))
                .neverPromote("node-1")
                .down("node-2", 4, ofSeconds(2))
                .as("the only promotable replica is silent, the other never-promote"),
            Blocked.class,
            Situation.ALL_NEVER_PROMOTE,
            "",
            "marked never-promote: node-1"),
        // CANDIDATE_TOO_FAR_BEHIND
        row(
            dead(replicas("node-1", "node-2"))
                .applied("node-1", 90L)
                .applied("node-2", 80L)
                .as("best replica lacks 10 transactions, 5 allowed"),
            POLICY.withMaxPromotionLag(5),
            Blocked.class,
            Situation.CANDIDATE_TOO_FAR_BEHIND,
            "",
            "the most advanced promotable replica node-1 lacks 10 transactions (applied 90, newest"
                + " known 100), more than maxPromotionLag 5",
            "bring the primary back to keep them"),
        row(
            dead(replicas("node-1", "node-2"))
                .primaryBinlog(null)
                .neverPromote("node-1")
                .applied("node-2", 90L)
                .as("the never-promote replica is ahead: its position still counts as known"),
            POLICY.withMaxPromotionLag(5),
            Blocked.class,
            Situation.CANDIDATE_TOO_FAR_BEHIND,
            "",
            "node-2 lacks 10 transactions (applied 90, newest known 100)"),
        // PRIMARY_DEAD
        row(
            dead(replicas("node-1", "node-2")).applied("node-1", 98L).as("one replica is ahead"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-2",
            "primary node-0 has not answered for 2s (4 failed probes) and the binlog stream from"
                + " it is down; promote node-2: highest applied position 100 of the eligible"
                + " replicas, 0 transactions behind the newest known 100"),
        row(
            dead(replicas("node-1", "node-2")).priority("node-2", 5).as("tie broken by priority"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-2",
            "tied in position with node-1, preferred by priority 5 over 0"),
        row(
            dead(replicas("node-1", "node-2")).as("tie broken by name"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "tied in position and priority with node-2, chosen by name"),
        row(
            dead(replicas("node-1", "node-2"))
                .applied("node-1", 99L)
                .priority("node-1", 9)
                .as("position beats priority"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-2",
            "promote node-2: highest applied position 100"),
        row(
            dead(replicas("node-1", "node-2"))
                .applied("node-1", 98L)
                .neverPromote("node-2")
                .as("the most advanced replica is never-promote"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "promote node-1: highest applied position 98 of the eligible replicas, 2 transactions"
                + " behind the newest known 100"),
        row(
            dead(replicas("node-1", "node-2"))
                .applied("node-1", 99L)
                .down("node-2", 4, ofSeconds(2))
                .as("the most advanced replica is silent too"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "promote node-1: highest applied position 99"),
        row(
            dead(replicas("node-1")).applied("node-1", 95L).as("lag exactly at the limit"),
            POLICY.withMaxPromotionLag(5),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "5 transactions behind the newest known 100"),
        row(
            replicas("node-1")
                .down("node-0", 2, ofSeconds(1))
                .streamDown()
                .as("probes failed for exactly the timeout"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "has not answered for 1s (2 failed probes)"),
        row(
            dead(replicas("node-1")).lastFailoverAgo(ofMinutes(5)).as("cooldown just over"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "promote node-1"),
        row(
            dead(replicas("node-1", "node-2"))
                .primaryBinlog(null)
                .applied("node-1", null)
                .applied("node-2", null)
                .as("nothing written yet"),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "highest applied position 0 of the eligible replicas, 0 transactions behind the newest"
                + " known 0"),
        row(
            dead(replicas("node-1"))
                .primaryBinlog(90L)
                .as("the primary's last probe is older than the replica's position"),
            POLICY.withMaxPromotionLag(0),
            FailOver.class,
            Situation.PRIMARY_DEAD,
            "node-1",
            "0 transactions behind the newest known 100"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void analysis_recognisesTheSituation_andExplainsIt(Row row) {
    Decision decision = FailoverAnalysis.analyze(row.scenario().snapshot(), row.policy());

    assertThat(decision).isInstanceOf(row.kind());
    assertThat(decision.situation()).isEqualTo(row.situation());
    assertThat(subjectOf(decision)).isEqualTo(row.subject());
    assertThat(decision.explanation()).contains(row.phrases());
  }

  @Test
  void everySituation_hasARow() {
    Set<Situation> covered = rows().map(Row::situation).collect(Collectors.toSet());

    assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Situation.class));
  }

  @Test
  void failOver_ranksEveryReplica_eligibleBestFirst_thenTheOthersWithTheirReason() {
    ProbeSnapshot snapshot =
        dead(replicas("node-1", "node-2", "node-3", "node-4", "node-5"))
            .applied("node-1", 97L)
            .applied("node-2", 99L)
            .neverPromote("node-3")
            .down("node-4", 4, ofSeconds(2))
            .applied("node-5", 90L)
            .snapshot();

    Decision decision = FailoverAnalysis.analyze(snapshot, POLICY.withMaxPromotionLag(5));

    assertThat(decision).isInstanceOf(FailOver.class);
    assertThat(((FailOver) decision).ranking().stream().map(Candidate::toString))
        .containsExactly(
            "node-2 (applied 99, lag 1, priority 0, eligible)",
            "node-1 (applied 97, lag 3, priority 0, eligible)",
            "node-3 (applied 100, lag 0, priority 0, never-promote)",
            "node-4 (applied 100, lag 0, priority 0, unreachable)",
            "node-5 (applied 90, lag 10, priority 0, too far behind)");
  }

  @Test
  void blocked_carriesTheRanking_thatLedToIt() {
    ProbeSnapshot snapshot =
        dead(replicas("node-1", "node-2")).neverPromote("node-1", "node-2").snapshot();

    Blocked blocked = (Blocked) FailoverAnalysis.analyze(snapshot, POLICY);

    assertThat(blocked.ranking()).extracting(Candidate::node).containsExactly("node-1", "node-2");
    assertThat(blocked.howToUnblock()).isNotBlank();
  }

  /** The primary has been silent for 2s with the stream down: both signals, past the timeout. */
  private static Scenario dead(Scenario scenario) {
    return scenario.down("node-0", 4, ofSeconds(2)).streamDown();
  }

  private static Row row(
      Scenario scenario,
      Class<? extends Decision> kind,
      Situation situation,
      String subject,
      String... phrases) {
    return new Row(scenario, POLICY, kind, situation, subject, phrases);
  }

  private static Row row(
      Scenario scenario,
      FailoverPolicy policy,
      Class<? extends Decision> kind,
      Situation situation,
      String subject,
      String... phrases) {
    return new Row(scenario, policy, kind, situation, subject, phrases);
  }

  private static String subjectOf(Decision decision) {
    if (decision instanceof Healthy healthy) {
      return healthy.primary();
    }
    if (decision instanceof DeadReplicas dead) {
      return dead.replicas().toString();
    }
    if (decision instanceof PrimarySuspect suspect) {
      return suspect.primary();
    }
    if (decision instanceof FailOver failOver) {
      return failOver.candidate();
    }
    return "";
  }
}
