package io.understudy.router.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.router.ReplicaBalancer;
import io.understudy.router.ReplicaView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerTest {

  record Replica(String name, int weight, int outstanding) implements ReplicaView {
    @Override
    public Duration lag() {
      return null;
    }
  }

  private static int[] picks(ReplicaBalancer balancer, List<Replica> replicas, int times) {
    int[] counts = new int[replicas.size()];
    for (int i = 0; i < times; i++) {
      counts[balancer.choose(replicas)]++;
    }
    return counts;
  }

  @Test
  void roundRobinGivesEachReplicaItsTurn() {
    List<Replica> replicas =
        List.of(new Replica("a", 1, 0), new Replica("b", 1, 0), new Replica("c", 1, 0));
    assertThat(picks(new RoundRobinBalancer(), replicas, 300)).containsExactly(100, 100, 100);
  }

  @Test
  void weightedRoundRobinFollowsTheWeights() {
    List<Replica> replicas = List.of(new Replica("a", 3, 0), new Replica("b", 1, 0));
    assertThat(picks(new WeightedRoundRobinBalancer(), replicas, 400)).containsExactly(300, 100);
  }

  @Test
  void leastOutstandingPrefersTheLeastBusyReplica() {
    List<Replica> replicas =
        List.of(new Replica("busy", 1, 5), new Replica("idle", 1, 0), new Replica("some", 1, 2));
    assertThat(picks(new LeastOutstandingBalancer(), replicas, 10)).containsExactly(0, 10, 0);
  }

  @Test
  void leastOutstandingSpreadsTiesInTurn() {
    List<Replica> replicas = List.of(new Replica("a", 1, 1), new Replica("b", 1, 1));
    assertThat(picks(new LeastOutstandingBalancer(), replicas, 100)).containsExactly(50, 50);
  }
}
