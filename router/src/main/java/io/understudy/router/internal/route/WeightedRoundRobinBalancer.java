package io.understudy.router.internal.route;

import io.understudy.router.ReplicaBalancer;
import io.understudy.router.ReplicaView;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin where a replica of weight 3 gets three reads for every one of a replica of weight 1.
 * A counter walks the sum of the weights; the walk over candidates is short (a handful of
 * replicas).
 */
public final class WeightedRoundRobinBalancer implements ReplicaBalancer {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public int choose(List<? extends ReplicaView> candidates) {
    int total = 0;
    for (ReplicaView candidate : candidates) {
      total += candidate.weight();
    }
    int ticket = Math.floorMod(next.getAndIncrement(), total);
    for (int i = 0; i < candidates.size(); i++) {
      ticket -= candidates.get(i).weight();
      if (ticket < 0) {
        return i;
      }
    }
    return candidates.size() - 1;
  }
}
