package io.understudy.router;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers and unregisters a data source's {@link RouterMXBean}. */
final class RouterJmx implements RouterMXBean {

  private static final Logger log = LoggerFactory.getLogger(RouterJmx.class);

  private final Supplier<RouterStats> stats;
  private final ObjectName name;
  private boolean registered;

  RouterJmx(String dataSource, Supplier<RouterStats> stats) {
    this.stats = stats;
    ObjectName objectName = null;
    try {
      objectName =
          new ObjectName(
              "io.understudy:type=ReplicatedDataSource,name=" + ObjectName.quote(dataSource));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      server.registerMBean(this, objectName);
      registered = true;
    } catch (JMException e) {
      // Two data sources with one name: the first keeps the name, metrics stay in stats().
      log.warn("{}: not registered in JMX ({})", dataSource, e.toString());
    }
    this.name = objectName;
  }

  void unregister() {
    if (registered) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (JMException e) {
        log.debug("{} was already unregistered", name, e);
      }
      registered = false;
    }
  }

  @Override
  public String getPrimary() {
    return stats.get().nodes().stream()
        .filter(node -> node.role().equals("primary"))
        .map(RouterStats.NodeStats::name)
        .findFirst()
        .orElse(null);
  }

  @Override
  public long getEpoch() {
    return stats.get().epoch();
  }

  @Override
  public String[] getReplicas() {
    return names(node -> node.role().equals("replica"));
  }

  @Override
  public String[] getEjectedNodes() {
    return names(node -> !node.healthy());
  }

  @Override
  public Map<String, Long> getReads() {
    return byNode(RouterStats.NodeStats::reads);
  }

  @Override
  public Map<String, Long> getWrites() {
    return byNode(RouterStats.NodeStats::writes);
  }

  @Override
  public Map<String, Long> getErrors() {
    return byNode(RouterStats.NodeStats::errors);
  }

  @Override
  public Map<String, Long> getEjections() {
    return byNode(RouterStats.NodeStats::ejections);
  }

  @Override
  public Map<String, Long> getReadmissions() {
    return byNode(RouterStats.NodeStats::readmissions);
  }

  @Override
  public long getFallbackReads() {
    return stats.get().nodes().stream().mapToLong(RouterStats.NodeStats::fallbackReads).sum();
  }

  @Override
  public Map<String, Long> getLagMillis() {
    Map<String, Long> lag = new LinkedHashMap<>();
    for (RouterStats.NodeStats node : stats.get().nodes()) {
      if (node.lag() != null) {
        lag.put(node.name(), node.lag().toMillis());
      }
    }
    return lag;
  }

  @Override
  public Map<String, Integer> getActiveConnections() {
    Map<String, Integer> active = new LinkedHashMap<>();
    for (RouterStats.NodeStats node : stats.get().nodes()) {
      active.put(node.name(), node.activeConnections());
    }
    return active;
  }

  private String[] names(Predicate<RouterStats.NodeStats> filter) {
    return stats.get().nodes().stream()
        .filter(filter)
        .map(RouterStats.NodeStats::name)
        .toArray(String[]::new);
  }

  private Map<String, Long> byNode(Function<RouterStats.NodeStats, Long> value) {
    Map<String, Long> result = new LinkedHashMap<>();
    for (RouterStats.NodeStats node : stats.get().nodes()) {
      result.put(node.name(), value.apply(node));
    }
    return result;
  }
}
