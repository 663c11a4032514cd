package io.understudy.router.internal.discovery;

import static io.understudy.router.internal.discovery.PublishedTopology.Role.FENCED;
import static io.understudy.router.internal.discovery.PublishedTopology.Role.PRIMARY;
import static io.understudy.router.internal.discovery.PublishedTopology.Role.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.understudy.router.ReplicaConfig;
import io.understudy.router.Topology;
import io.understudy.router.internal.discovery.PublishedTopology.Member;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EpochChoiceTest {

  private static final Member A_PRIMARY = new Member("a", "db1", 3306, PRIMARY);
  private static final Member B_REPLICA = new Member("b", "db2", 3306, REPLICA);
  private static final Member B_PRIMARY = new Member("b", "db2", 3306, PRIMARY);
  private static final Member A_FENCED = new Member("a", "db1", 3306, FENCED);
  private static final Member C_REPLICA = new Member("c", "db3", 3306, REPLICA);

  /** Epoch 1: a primary; epoch 2: b promoted, a fenced. */
  private static final PublishedTopology ONE =
      new PublishedTopology(1, "a", List.of(A_PRIMARY, B_REPLICA, C_REPLICA));

  private static final PublishedTopology TWO =
      new PublishedTopology(2, "b", List.of(A_FENCED, B_PRIMARY, C_REPLICA));

  private static Reading found(String node, PublishedTopology topology) {
    return new Reading.Found(node, topology);
  }

  private static Reading failed(String node) {
    return new Reading.Failed(node, "unreachable");
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        arguments("first round, one node", -1, List.of(found("db1:3306", ONE)), 1L),
        arguments("nothing readable", -1, List.of(failed("db1:3306"), failed("db2:3306")), null),
        arguments(
            "highest epoch wins, whatever the order",
            -1,
            List.of(found("db1:3306", ONE), found("db2:3306", TWO), found("db3:3306", ONE)),
            2L),
        arguments(
            "a newer epoch on one node only is enough",
            1,
            List.of(failed("db1:3306"), found("db2:3306", TWO), found("db3:3306", ONE)),
            2L),
        arguments("the same epoch again changes nothing", 2, List.of(found("db2:3306", TWO)), null),
        arguments(
            "never back to a lower epoch", 2, List.of(found("db1:3306", ONE), failed("x:1")), null),
        arguments(
            "members listed in another order are the same epoch",
            -1,
            List.of(
                found("db2:3306", TWO),
                found(
                    "db3:3306",
                    new PublishedTopology(2, "b", List.of(C_REPLICA, B_PRIMARY, A_FENCED)))),
            2L),
        arguments(
            "one epoch with two contents is not trusted",
            1,
            List.of(
                found("db2:3306", TWO),
                found(
                    "db3:3306",
                    new PublishedTopology(2, "c", List.of(new Member("c", "db3", 3306, PRIMARY))))),
            null),
        arguments(
            "a malformed newer epoch is ignored, the valid one below it is used",
            -1,
            List.of(
                found("db1:3306", ONE),
                found("db2:3306", new PublishedTopology(5, "b", List.of(B_REPLICA)))),
            1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void choosesTheEpochToRouteOn(
      String rule, long routedEpoch, List<Reading> readings, Long expectedEpoch) {
    EpochChoice.Decision decision = EpochChoice.decide(routedEpoch, readings);

    assertThat(decision.adopt().map(PublishedTopology::epoch).orElse(null))
        .isEqualTo(expectedEpoch);
  }

  @Test
  void nodesWithAnOlderEpoch_areReportedStale() {
    EpochChoice.Decision decision =
        EpochChoice.decide(
            -1, List.of(found("db1:3306", ONE), found("db2:3306", TWO), found("db3:3306", TWO)));

    assertThat(decision.stale()).containsExactly("db1:3306");
    assertThat(decision.problems()).isEmpty();
  }

  @Test
  void aConflict_namesBothNodesAndBothContents() {
    PublishedTopology other =
        new PublishedTopology(2, "c", List.of(new Member("c", "db3", 3306, PRIMARY)));

    EpochChoice.Decision decision =
        EpochChoice.decide(1, List.of(found("db2:3306", TWO), found("db3:3306", other)));

    assertThat(decision.problems())
        .singleElement()
        .asString()
        .contains("epoch 2 differs between db2:3306", "and db3:3306", "primary c@db3:3306");
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        arguments(new PublishedTopology(3, "a", List.of()), "epoch 3 has no members"),
        arguments(
            new PublishedTopology(3, "a", List.of(A_PRIMARY, B_PRIMARY)),
            "epoch 3 has 2 members with role primary, not 1"),
        arguments(
            new PublishedTopology(3, "a", List.of(A_FENCED, B_REPLICA)),
            "epoch 3 has 0 members with role primary, not 1"),
        arguments(
            new PublishedTopology(3, "a", List.of(B_PRIMARY, C_REPLICA)),
            "epoch 3 names a as primary_node but b has role primary"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("defects")
  void aMalformedEpoch_isNamedAndIgnored(PublishedTopology topology, String defect) {
    EpochChoice.Decision decision = EpochChoice.decide(-1, List.of(found("db1:3306", topology)));

    assertThat(topology.defect()).isEqualTo(defect);
    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.problems()).containsExactly("db1:3306: " + defect + "; ignored");
  }

  @Test
  void theRoutingView_leavesFencedNodesOut() {
    Topology topology = TWO.toTopology("shop");

    assertThat(topology.epoch()).isEqualTo(2);
    assertThat(topology.primaryUrl()).isEqualTo("jdbc:mysql://db2:3306/shop");
    assertThat(topology.replicas()).containsExactly(ReplicaConfig.of("jdbc:mysql://db3:3306/shop"));
  }

  @Test
  void ipv6Hosts_getBrackets_andNoDatabaseLeavesThePathEmpty() {
    PublishedTopology topology =
        new PublishedTopology(1, "a", List.of(new Member("a", "FE80::1", 3307, PRIMARY)));

    assertThat(topology.toTopology("").primaryUrl()).isEqualTo("jdbc:mysql://[fe80::1]:3307/");
  }
}
