package io.understudy.router.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterStats;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link ReplicatedDataSource}'s per-node statistics to Micrometer (an optional
 * dependency of the router: this class is only loaded by applications that use it).
 *
 * <p>A data source binds itself to Micrometer's global registry when Micrometer is on the class
 * path; to use another registry: {@code new RouterMetrics(dataSource).bindTo(registry)}.
 *
 * <p>Meters are named {@code understudy.router.*} and tagged with {@code datasource}, {@code node}
 * ({@code host:port}) and {@code role}; nodes added by a later topology get meters as they appear.
 */
public final class RouterMetrics implements MeterBinder, AutoCloseable {

  private final ReplicatedDataSource dataSource;
  private final Set<String> bound = ConcurrentHashMap.newKeySet();
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private volatile MeterRegistry registry;

  public RouterMetrics(ReplicatedDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Binds to Micrometer's global registry, which Spring Boot's registries join by default: the data
   * source calls this itself when Micrometer is on the class path.
   */
  public static RouterMetrics bindGlobal(ReplicatedDataSource dataSource) {
    RouterMetrics metrics = new RouterMetrics(dataSource);
    metrics.bindTo(Metrics.globalRegistry);
    return metrics;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    bindNodes(registry);
    dataSource.topologySource().subscribe(topology -> bindNodes(registry));
  }

  /** Removes this data source's meters, so a closed data source leaves none behind. */
  @Override
  public void close() {
    MeterRegistry current = registry;
    if (current != null) {
      meters.forEach(current::remove);
    }
    meters.clear();
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
    meters.add(
        FunctionCounter.builder(name, dataSource, ds -> current(ds, nodeName, value))
            .description(description)
            .tags(tags)
            .register(registry));
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      RouterStats.NodeStats node,
      ToDoubleFunction<RouterStats.NodeStats> value) {
    String nodeName = node.name();
    meters.add(
        Gauge.builder(name, dataSource, ds -> current(ds, nodeName, value))
            .description(description)
            .tags(tags)
            .register(registry));
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
