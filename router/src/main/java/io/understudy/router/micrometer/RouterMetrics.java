package io.understudy.router.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterStats;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link ReplicatedDataSource}'s per-node statistics to Micrometer (an optional
 * dependency of the router: this class is only loaded by applications that use it).
 *
 * <pre>{@code new RouterMetrics(dataSource).bindTo(registry);}</pre>
 *
 * Meters are named {@code understudy.router.*} and tagged with {@code datasource}, {@code node}
 * ({@code host:port}) and {@code role}; nodes added by a later topology get meters as they appear.
 */
public final class RouterMetrics implements MeterBinder {

  private final ReplicatedDataSource dataSource;
  private final Set<String> bound = ConcurrentHashMap.newKeySet();

  public RouterMetrics(ReplicatedDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    bindNodes(registry);
    dataSource.topologySource().subscribe(topology -> bindNodes(registry));
  }

  private void bindNodes(MeterRegistry registry) {
    for (RouterStats.NodeStats node : dataSource.stats().nodes()) {
      if (!bound.add(node.name())) {
        continue;
      }
      Tags tags =
          Tags.of(
              "datasource", dataSource.config().name(), "node", node.name(), "role", node.role());
      counter(
          registry,
          "understudy.router.reads",
          "reads routed to the node",
          tags,
          node,
          RouterStats.NodeStats::reads);
      counter(
          registry,
          "understudy.router.writes",
          "statements other than replica reads",
          tags,
          node,
          RouterStats.NodeStats::writes);
      counter(
          registry,
          "understudy.router.errors",
          "failed statements and borrows",
          tags,
          node,
          RouterStats.NodeStats::errors);
      counter(
          registry,
          "understudy.router.ejections",
          "times the node was ejected",
          tags,
          node,
          RouterStats.NodeStats::ejections);
      counter(
          registry,
          "understudy.router.readmissions",
          "times the node was readmitted",
          tags,
          node,
          RouterStats.NodeStats::readmissions);
      counter(
          registry,
          "understudy.router.fallback.reads",
          "reads sent to the primary for lack of a replica",
          tags,
          node,
          RouterStats.NodeStats::fallbackReads);
      gauge(
          registry,
          "understudy.router.healthy",
          "1 when the node takes statements",
          tags,
          node,
          n -> n.healthy() ? 1 : 0);
      gauge(
          registry,
          "understudy.router.lag.seconds",
          "measured replication lag",
          tags,
          node,
          n -> n.lag() == null ? Double.NaN : n.lag().toNanos() / 1e9);
      gauge(
          registry,
          "understudy.router.connections.active",
          "physical connections in use",
          tags,
          node,
          RouterStats.NodeStats::activeConnections);
    }
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      RouterStats.NodeStats node,
      ToDoubleFunction<RouterStats.NodeStats> value) {
    String nodeName = node.name();
    FunctionCounter.builder(name, dataSource, ds -> current(ds, nodeName, value))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      RouterStats.NodeStats node,
      ToDoubleFunction<RouterStats.NodeStats> value) {
    String nodeName = node.name();
    Gauge.builder(name, dataSource, ds -> current(ds, nodeName, value))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  /** The node's current value, or NaN once the node has left the topology. */
  private static double current(
      ReplicatedDataSource dataSource, String node, ToDoubleFunction<RouterStats.NodeStats> value) {
    return dataSource.stats().nodes().stream()
        .filter(stats -> stats.name().equals(node))
        .mapToDouble(value)
        .findFirst()
        .orElse(Double.NaN);
  }
}
