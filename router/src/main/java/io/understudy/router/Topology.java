package io.understudy.router;

import java.util.List;
import java.util.Objects;

/**
 * Which node is the primary and which are replicas. The epoch orders topologies: a source never
 * publishes an older one after a newer one (failover bumps it).
 */
public record Topology(long epoch, String primaryUrl, List<ReplicaConfig> replicas) {

  public Topology {
    Objects.requireNonNull(primaryUrl, "primaryUrl");
    replicas = List.copyOf(replicas);
  }
}
