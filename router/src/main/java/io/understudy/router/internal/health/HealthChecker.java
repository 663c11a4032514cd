package io.understudy.router.internal.health;

import io.understudy.router.ReplicaLagSource;
import io.understudy.router.internal.jdbc.SqlStates;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeRole;
import io.understudy.router.internal.node.NodeSelector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per data source that watches every node over a monitor connection of its own (tight
 * timeouts, outside the application's pools): it ejects a node that stops answering, readmits an
 * ejected node after enough successful checks in a row, and measures replica lag when a lag limit
 * is set. A dead node costs this thread one time-out per round, never an application thread.
 */
public final class HealthChecker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  private final String dataSource;
  private final NodeSelector nodes;
  private final Properties probeProperties;
  private final int readmitAfter;
  private final ReplicaLagSource lagSource;
  private final ScheduledExecutorService executor;
  private final Map<Node, Integer> successes = new ConcurrentHashMap<>();
  private final Map<Node, Connection> monitors = new ConcurrentHashMap<>();
  private final int validTimeoutSeconds;

  /**
   * @param lagSource null when no lag limit is configured: then lag is not measured at all
   */
  public HealthChecker(
      String dataSource,
      NodeSelector nodes,
      Properties credentials,
      Duration interval,
      int readmitAfter,
      ReplicaLagSource lagSource) {
    this.dataSource = dataSource;
    this.nodes = nodes;
    this.readmitAfter = readmitAfter;
    this.lagSource = lagSource;
    this.probeProperties = new Properties();
    probeProperties.putAll(credentials);
    long timeout = Math.max(1_000, interval.toMillis());
    this.validTimeoutSeconds = (int) Math.max(1, timeout / 1_000);
    probeProperties.setProperty("connectTimeout", String.valueOf(timeout));
    probeProperties.setProperty("socketTimeout", String.valueOf(timeout));
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "understudy-health-" + dataSource);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkAll() {
    boolean changed = false;
    try {
      List<Node> current = nodes.nodes();
      monitors.keySet().removeIf(node -> !current.contains(node) && closeMonitor(node));
      for (Node node : current) {
        changed |= node.isHealthy() ? watch(node) : probe(node);
      }
    } catch (RuntimeException e) {
      log.error("{}: health check failed unexpectedly", dataSource, e);
    }
    if (changed) {
      nodes.republish();
    }
  }

  /**
   * A healthy node: still answering on its monitor connection? A node that dies while no statement
   * uses it is ejected here, before a statement has to wait for a pool time-out to find out.
   */
  private boolean watch(Node node) {
    Connection monitor;
    try {
      monitor = monitor(node);
    } catch (SQLException e) {
      nodes.failed(node, SqlStates.unreachable(node.name(), e));
      return true;
    }
    return measureLag(node, monitor);
  }

  /** An ejected node: readmitted after enough successful checks in a row. */
  private boolean probe(Node node) {
    try {
      monitor(node);
    } catch (SQLException e) {
      successes.remove(node);
      return false;
    }
    int inARow = successes.merge(node, 1, Integer::sum);
    if (inARow < readmitAfter) {
      return false;
    }
    successes.remove(node);
    node.readmit();
    log.info("{}: {} readmitted after {} successful probes", dataSource, node, inARow);
    return true;
  }

  /** The node's monitor connection, checked with isValid and reopened if it broke. */
  private Connection monitor(Node node) throws SQLException {
    Connection monitor = monitors.get(node);
    if (monitor != null && monitor.isValid(validTimeoutSeconds)) {
      return monitor;
    }
    closeMonitor(node);
    monitor = DriverManager.getConnection(node.address().url(), probeProperties);
    monitors.put(node, monitor);
    return monitor;
  }

  private boolean closeMonitor(Node node) {
    Connection monitor = monitors.remove(node);
    if (monitor != null) {
      try {
        monitor.close();
      } catch (SQLException e) {
        // A broken monitor connection has nothing left to close.
      }
    }
    return true;
  }

  /** Measures a replica's lag on its monitor connection; true when it did. */
  private boolean measureLag(Node node, Connection monitor) {
    if (lagSource == null || node.role() != NodeRole.REPLICA) {
      return false;
    }
    try {
      node.lag(lagSource.lag(monitor));
    } catch (SQLException e) {
      // No heartbeat table yet, or no privilege: unknown lag keeps reads away (docs/routing.md).
      node.lag(null);
      if (SqlStates.isConnectionFailure(e)) {
        closeMonitor(node);
      }
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List.copyOf(monitors.keySet()).forEach(this::closeMonitor);
  }
}
