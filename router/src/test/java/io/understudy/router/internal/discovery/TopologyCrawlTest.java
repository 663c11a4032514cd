package io.understudy.router.internal.discovery;

import static io.understudy.router.internal.discovery.PublishedTopology.Role.FENCED;
import static io.understudy.router.internal.discovery.PublishedTopology.Role.PRIMARY;
import static io.understudy.router.internal.discovery.PublishedTopology.Role.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.router.internal.discovery.PublishedTopology.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopologyCrawlTest {

  private static final PublishedTopology EPOCH_2 =
      new PublishedTopology(
          2,
          "b",
          List.of(
              new Member("a", "db1", 3306, FENCED),
              new Member("b", "db2", 3306, PRIMARY),
              new Member("c", "db3", 3306, REPLICA)));

  /** Answers from a fixed table and records which nodes were asked. */
  private static final class Nodes implements Function<String, Reading> {
    final List<String> asked = new ArrayList<>();
    final Map<String, PublishedTopology> held;

    Nodes(Map<String, PublishedTopology> held) {
      this.held = held;
    }

    @Override
    public Reading apply(String node) {
      asked.add(node);
      PublishedTopology topology = held.get(node);
      return topology == null
          ? new Reading.Failed(node, "unreachable")
          : new Reading.Found(node, topology);
    }
  }

  @Test
  void oneSeed_leadsToEveryServingMember_butNotToFencedOnes() {
    Nodes nodes = new Nodes(Map.of("db2:3306", EPOCH_2, "db3:3306", EPOCH_2));

    List<Reading> readings = TopologyCrawl.readAll(List.of("db2:3306"), List.of(), nodes);

    assertThat(nodes.asked).containsExactly("db2:3306", "db3:3306");
    assertThat(readings).allMatch(reading -> reading instanceof Reading.Found);
  }

  @Test
  void seedsComeFirst_thenKnownNodes_eachAskedOnce() {
    Nodes nodes = new Nodes(Map.of("db3:3306", EPOCH_2));

    TopologyCrawl.readAll(List.of("db9:3306", "db3:3306"), List.of("db3:3306", "db2:3306"), nodes);

    assertThat(nodes.asked).containsExactly("db9:3306", "db3:3306", "db2:3306");
  }

  @Test
  void anEndlessMemberList_stopsAtTheBound() {
    List<Member> many =
        IntStream.range(0, 500)
            .mapToObj(i -> new Member("n" + i, "db" + i, 3306, i == 0 ? PRIMARY : REPLICA))
            .toList();
    PublishedTopology huge = new PublishedTopology(1, "n0", many);

    List<Reading> readings =
        TopologyCrawl.readAll(
            List.of("db0:3306"), List.of(), node -> new Reading.Found(node, huge));

    assertThat(readings).hasSize(TopologyCrawl.MAX_NODES);
  }
}
