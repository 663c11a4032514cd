package io.understudy.router;

import java.util.List;

/**
 * Chooses the replica for the next read. Called on the statement path by many threads at once: an
 * implementation must be thread-safe, must not block, and should not allocate.
 */
@FunctionalInterface
public interface ReplicaBalancer {

  /**
   * Returns the index in {@code candidates} of the replica to read from. Candidates are the
   * replicas that are healthy, caught up and not drained, never an empty list.
   */
  int choose(List<? extends ReplicaView> candidates);
}
