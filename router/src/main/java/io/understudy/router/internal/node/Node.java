package io.understudy.router.internal.node;

import com.zaxxer.hikari.HikariDataSource;
import io.understudy.router.ReplicaView;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One database server as the router sees it: its own HikariCP pool, whether it may take traffic,
 * how far behind it is, and what it has done. Health and lag are written by the health thread and
 * read on the statement path, hence volatile fields and no locks.
 */
public final class Node implements ReplicaView {

  private final NodeAddress address;
  private final String name;
  private final HikariDataSource pool;
  private final NodeCounters counters = new NodeCounters();
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile NodeRole role;
  private volatile int weight;
  private volatile boolean healthy = true;
  private volatile Duration lag;

  public Node(NodeAddress address, String name, NodeRole role, int weight, HikariDataSource pool) {
    this.address = address;
    this.name = name;
    this.role = role;
    this.weight = weight;
    this.pool = pool;
  }

  /** Borrows a physical connection; the caller must call {@link #returned()} after closing it. */
  public Connection borrow() throws SQLException {
    Connection connection = pool.getConnection();
    outstanding.incrementAndGet();
    return connection;
  }

  public void returned() {
    outstanding.decrementAndGet();
  }

  public NodeAddress address() {
    return address;
  }

  /** {@code host:port}; how nodes are named in logs, errors and metrics. */
  @Override
  public String name() {
    return name;
  }

  public NodeRole role() {
    return role;
  }

  public void role(NodeRole role) {
    this.role = role;
  }

  @Override
  public int weight() {
    return weight;
  }

  public void weight(int weight) {
    this.weight = weight;
  }

  public boolean isHealthy() {
    return healthy;
  }

  /** Stops routing to the node; true if it was healthy until now. */
  public boolean eject() {
    if (!healthy) {
      return false;
    }
    healthy = false;
    counters.ejection();
    // Connections opened before the failure are suspect; let the pool replace them.
    pool.getHikariPoolMXBean().softEvictConnections();
    return true;
  }

  public void readmit() {
    if (!healthy) {
      healthy = true;
      counters.readmission();
    }
  }

  /** Replication lag as last measured, or null when unknown. */
  @Override
  public Duration lag() {
    return lag;
  }

  public void lag(Duration lag) {
    this.lag = lag;
  }

  /** Physical connections currently lent out through this router. */
  @Override
  public int outstanding() {
    return outstanding.get();
  }

  public NodeCounters counters() {
    return counters;
  }

  public HikariDataSource pool() {
    return pool;
  }

  /** Connections the pool has lent out (to this router or to anyone holding them). */
  public int activeConnections() {
    return pool.getHikariPoolMXBean() == null
        ? 0
        : pool.getHikariPoolMXBean().getActiveConnections();
  }

  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return role.name().toLowerCase() + " " + name;
  }
}
