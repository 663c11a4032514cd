package io.understudy.router;

import io.understudy.router.internal.node.Node;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link ReplicatedDataSource} has done, per node, at one moment. Counters count since the
 * data source was built.
 *
 * @param epoch the epoch of the topology routed on (0 for a configured one that was never changed)
 */
public record RouterStats(String dataSource, long epoch, List<NodeStats> nodes) {

  public RouterStats {
    nodes = List.copyOf(nodes);
  }

  /** The statistics of the node called {@code name} ({@code host:port}). */
  public NodeStats node(String name) {
    return nodes.stream()
        .filter(node -> node.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(dataSource + " has no node " + name));
  }

  /**
   * One node.
   *
   * @param lag null when not measured
   * @param fallbackReads reads that came to this primary because no replica could take them
   */
  public record NodeStats(
      String name,
      String role,
      boolean healthy,
      int weight,
      Duration lag,
      long reads,
      long writes,
      long errors,
      long ejections,
      long readmissions,
      long fallbackReads,
      int activeConnections) {

    static NodeStats of(Node node) {
      var counters = node.counters();
      return new NodeStats(
          node.name(),
          node.role().name().toLowerCase(java.util.Locale.ROOT),
          node.isHealthy(),
          node.weight(),
          node.lag(),
          counters.reads(),
          counters.writes(),
          counters.errors(),
          counters.ejections(),
          counters.readmissions(),
          counters.fallbackReads(),
          node.activeConnections());
    }
  }
}
