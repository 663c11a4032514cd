package io.understudy.router;

import io.understudy.router.internal.discovery.DiscoveringTopologySource;
import io.understudy.router.internal.health.HealthChecker;
import io.understudy.router.internal.jdbc.RoutingConnection;
import io.understudy.router.internal.jdbc.SqlStates;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeFactory;
import io.understudy.router.internal.node.NodeSelector;
import io.understudy.router.internal.position.AppliedPositions;
import io.understudy.router.internal.position.Guarantees;
import io.understudy.router.internal.route.LeastOutstandingBalancer;
import io.understudy.router.internal.route.RoundRobinBalancer;
import io.understudy.router.internal.route.WeightedRoundRobinBalancer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a primary and its replicas: writes go to the primary, reads go to
 * healthy, caught-up replicas, one HikariCP pool per node. Routing rules are in {@code
 * docs/routing.md}, errors in {@code docs/errors.md}, settings in {@code docs/configuration.md}.
 *
 * <pre>{@code
 * ReplicatedDataSource dataSource = ReplicatedDataSource.builder()
 *     .primaryUrl("jdbc:mysql://db1:3306/shop")
 *     .replicaUrls("jdbc:mysql://db2:3306/shop", "jdbc:mysql://db3:3306/shop")
 *     .username("app").password(secret)
 *     .buildDataSource();
 * }</pre>
 */
public final class ReplicatedDataSource implements DataSource, AutoCloseable {

  private final RouterConfig config;
  private final TopologySource topologySource;
  private final AutoCloseable ownedSource;
  private final NodeSelector nodes;
  private final HealthChecker health;
  private final Guarantees guarantees;
  private final RouterJmx jmx;
  private final AutoCloseable metrics;
  private final AtomicBoolean closed = new AtomicBoolean();
  private PrintWriter logWriter;

  /**
   * Routes on the topology of {@code config}: the configured one, or with discovery seeds the one
   * the nodes publish.
   *
   * @throws TopologyUnavailableException with discovery seeds, when no node holds a topology
   */
  public ReplicatedDataSource(RouterConfig config) {
    this(config, topologySourceOf(config), true);
  }

  /**
   * Routes on the topology {@code topologySource} publishes, starting with its current one. The
   * caller keeps the source and closes it, if it needs closing, after this data source.
   */
  public ReplicatedDataSource(RouterConfig config, TopologySource topologySource) {
    this(config, topologySource, false);
  }

  private ReplicatedDataSource(RouterConfig config, TopologySource topologySource, boolean owned) {
    this.config = config;
    this.topologySource = topologySource;
    this.ownedSource = owned && topologySource instanceof AutoCloseable c ? c : null;
    try {
      this.nodes = nodeSelector(config, topologySource);
    } catch (RuntimeException e) {
      closeQuietly(ownedSource);
      throw e;
    }
    this.health =
        new HealthChecker(
            config.name(),
            nodes,
            credentials(config),
            config.healthCheckInterval(),
            config.readmitAfterSuccesses(),
            config.maxReplicaLag().isPresent() ? new HeartbeatLagSource() : null);
    topologySource.subscribe(nodes::apply);
    // A topology published between current() above and subscribe() would otherwise be missed;
    // apply() ignores one that is not newer.
    nodes.apply(topologySource.current());
    nodes.whenPrimaryUnreachable(topologySource::primaryUnreachable);
    this.guarantees =
        new Guarantees(
            config.name(),
            nodes,
            new AppliedPositions(config.name(), nodes, credentials(config)),
            config.writeConcern(),
            config.replicationTimeout(),
            config.consistency(),
            config.causalReadTimeout());
    this.jmx = new RouterJmx(config.name(), this::stats);
    this.metrics = MicrometerBinding.bindIfPresent(this);
  }

  private static TopologySource topologySourceOf(RouterConfig config) {
    if (!config.discovers()) {
      return new StaticTopologySource(new Topology(0, config.primaryUrl(), config.replicas()));
    }
    return new DiscoveringTopologySource(
        config.name(),
        config.discoverySeeds(),
        config.discoveryDatabase(),
        config.topologyRefresh(),
        credentials(config),
        Clock.systemUTC());
  }

  private static NodeSelector nodeSelector(RouterConfig config, TopologySource topologySource) {
    return new NodeSelector(
        config.name(),
        new NodeFactory(config),
        balancer(config.balancing()),
        config.fallbackToPrimary(),
        config.maxReplicaLag().orElse(null),
        topologySource.current());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Already failing to start; the first error is the one worth reporting.
    }
  }

  /**
   * A builder of the configuration: {@code buildDataSource()} checks everything at once and starts
   * the data source, {@code build()} returns the configuration alone.
   */
  public static RouterConfig.Builder builder() {
    return RouterConfig.builder();
  }

  /** A data source from the {@code understudy.*} keys of {@code properties}. */
  public static ReplicatedDataSource fromProperties(Properties properties) {
    return new ReplicatedDataSource(RouterConfig.fromProperties(properties));
  }

  private static ReplicaBalancer balancer(Balancing balancing) {
    return switch (balancing) {
      case ROUND_ROBIN -> new RoundRobinBalancer();
      case WEIGHTED_ROUND_ROBIN -> new WeightedRoundRobinBalancer();
      case LEAST_OUTSTANDING -> new LeastOutstandingBalancer();
    };
  }

  private static Properties credentials(RouterConfig config) {
    Properties properties = new Properties();
    properties.putAll(config.connectionProperties());
    properties.setProperty("user", config.username());
    properties.setProperty("password", config.password().reveal());
    return properties;
  }

  /**
   * A logical connection; physical connections are borrowed per statement or transaction. It
   * implements {@link ReplicatedConnection}: {@code unwrap} it for consistency tokens.
   */
  @Override
  public Connection getConnection() throws SQLException {
    if (closed.get()) {
      throw SqlStates.closed(config.name());
    }
    return new RoutingConnection(nodes, config.name(), config.readRetry(), guarantees);
  }

  /** Not supported: each node's pool holds connections of the configured user. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw SqlStates.notSupported(
        config.name() + " connects as its configured user; set username and password there");
  }

  public RouterConfig config() {
    return config;
  }

  public TopologySource topologySource() {
    return topologySource;
  }

  /** A snapshot of every node's role, health, lag and counters. */
  public RouterStats stats() {
    List<Node> all = nodes.nodes();
    return new RouterStats(
        config.name(), nodes.epoch(), all.stream().map(RouterStats.NodeStats::of).toList());
  }

  /**
   * Closes every pool and stops the health thread (and the discovery thread, with discovery seeds);
   * connections in use are closed too.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      jmx.unregister();
      MicrometerBinding.close(metrics);
      closeQuietly(ownedSource);
      health.close();
      guarantees.close();
      nodes.close();
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Connection waits are bounded by each pool's {@code connectionTimeout} instead. */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw SqlStates.notSupported(
        "Set understudy.pool.connectionTimeout instead of a login timeout");
  }

  @Override
  public int getLoginTimeout() {
    return (int) config.primaryPool().connectionTimeout().toSeconds();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw SqlStates.notSupported("Understudy logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw SqlStates.invalidArgument(config.name() + " does not wrap a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "ReplicatedDataSource[" + config.name() + ", " + nodes.nodes() + "]";
  }
}
