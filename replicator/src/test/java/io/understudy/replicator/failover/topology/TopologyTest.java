package io.understudy.replicator.failover.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyTest {

  private static final Member A = new Member("a", "db-a", 3306, Role.PRIMARY);
  private static final Member B = new Member("b", "db-b", 3306, Role.REPLICA);
  private static final Member C = new Member("c", "db-c", 3307, Role.REPLICA);
  private static final Member D = new Member("d", "db-d", 3306, Role.FENCED);

  @Test
  void next_promotesTheReplica_fencesTheOldPrimary_keepsEveryoneElse() {
    Topology next = new Topology(4, List.of(A, B, C, D), "start").next("c", "a died");

    assertThat(next.epoch()).isEqualTo(5);
    assertThat(next.reason()).isEqualTo("a died");
    assertThat(next.members())
        .containsExactly(A.withRole(Role.FENCED), B, C.withRole(Role.PRIMARY), D);
    assertThat(next.primary()).isEqualTo(C.withRole(Role.PRIMARY));
  }

  static Stream<Arguments> refusedPromotions() {
    return Stream.of(
        Arguments.of(
            "x", "cannot promote 'x': no member of epoch 1 has that name; members are [a, b, d]"),
        Arguments.of("a", "cannot promote 'a': it is primary in epoch 1"),
        Arguments.of("d", "cannot promote 'd': it is fenced in epoch 1, and only a replica"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedPromotions")
  void next_onlyPromotesAReplica(String newPrimary, String message) {
    Topology topology = new Topology(1, List.of(A, B, D), "start");

    assertThatThrownBy(() -> topology.next(newPrimary, "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> invalidTopologies() {
    String tooLong = "n".repeat(65);
    return Stream.of(
        Arguments.of(0L, List.of(A, B), "r", "epoch must be at least 1"),
        Arguments.of(1L, List.of(), "r", "it needs at least one member"),
        Arguments.of(1L, List.of(B, C), "r", "exactly one member must be primary, found []"),
        Arguments.of(
            1L,
            List.of(A, B, A),
            "r",
            "member name 'a' appears twice; exactly one member must be primary, found [a, a]"),
        Arguments.of(
            1L,
            List.of(A, new Member(tooLong, "h", 1, Role.REPLICA)),
            "r",
            "must be 1 to 64 characters"),
        Arguments.of(1L, List.of(A, new Member("b", "", 1, Role.REPLICA)), "r", "host of 'b'"),
        Arguments.of(
            1L,
            List.of(A, new Member("b", "h", 70_000, Role.REPLICA)),
            "r",
            "port of 'b' must be 1..65535, not 70000"),
        Arguments.of(1L, List.of(A), " ", "reason must be 1 to 1024 characters"),
        Arguments.of(1L, List.of(A), "r".repeat(1025), "reason must be 1 to 1024 characters"),
        Arguments.of(
            -1L,
            List.of(B),
            "",
            "epoch must be at least 1; reason must be 1 to 1024 characters;"
                + " exactly one member must be primary"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidTopologies")
  void invalidTopology_isRefused_namingEveryProblem(
      long epoch, List<Member> members, String reason, String message) {
    assertThatThrownBy(() -> new Topology(epoch, members, reason))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void lengths_areCountedInCharacters_asMariaDbCountsThem() {
    String sixtyFourEmoji = "\uD83D\uDE00".repeat(64); // 128 UTF-16 units, 64 characters

    assertThat(
            new Topology(1, List.of(new Member(sixtyFourEmoji, "h", 1, Role.PRIMARY)), "r")
                .primary()
                .name())
        .isEqualTo(sixtyFourEmoji);
  }

  @Test
  void roles_mapToTheColumnsEnumValues() {
    assertThat(Stream.of(Role.values()).map(Role::sqlName))
        .containsExactly("primary", "replica", "fenced");
    assertThat(Role.ofSqlName("fenced")).isEqualTo(Role.FENCED);
    assertThatThrownBy(() -> Role.ofSqlName("master"))
        .hasMessageContaining("unknown topology role 'master'");
  }
}
