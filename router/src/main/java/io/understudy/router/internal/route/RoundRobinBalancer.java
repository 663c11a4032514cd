package io.understudy.router.internal.route;

import io.understudy.router.ReplicaBalancer;
import io.understudy.router.ReplicaView;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Each replica in turn: one atomic increment per read. */
public final class RoundRobinBalancer implements ReplicaBalancer {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public int choose(List<? extends ReplicaView> candidates) {
    return Math.floorMod(next.getAndIncrement(), candidates.size());
  }
}
