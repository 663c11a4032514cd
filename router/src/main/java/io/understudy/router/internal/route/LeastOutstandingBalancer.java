package io.understudy.router.internal.route;

import io.understudy.router.ReplicaBalancer;
import io.understudy.router.ReplicaView;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replica with the fewest reads in flight from this router: slow replicas get less work by
 * themselves. Ties go round-robin, so an idle system still spreads reads evenly.
 */
public final class LeastOutstandingBalancer implements ReplicaBalancer {

  private final AtomicInteger start = new AtomicInteger();

  @Override
  public int choose(List<? extends ReplicaView> candidates) {
    int size = candidates.size();
    int offset = Math.floorMod(start.getAndIncrement(), size);
    int best = offset;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      int index = (offset + i) % size;
      int outstanding = candidates.get(index).outstanding();
      if (outstanding < fewest) {
        fewest = outstanding;
        best = index;
      }
    }
    return best;
  }
}
