package io.understudy.router.internal.position;

import io.understudy.router.ConsistencyToken;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeRole;
import io.understudy.router.internal.node.NodeSelector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each replica has applied, as last read from its {@code understudy.applied_position}, shared
 * by every connection of one data source. One thread ({@code understudy-positions-<name>}), started
 * by the first wait, reads every healthy replica each {@link #POLL_INTERVAL} while anyone waits,
 * and for {@link #LINGER} after the last wait (so that a wait that gives up at once, with a zero
 * time-out, still gets fresh positions for the next read), and sleeps otherwise: a data source
 * whose reads never wait pays nothing. Applied positions only grow, so a position read earlier is a
 * safe lower bound: a replica it covers is covered now.
 */
public final class AppliedPositions implements AutoCloseable {

  /** Between reads while someone waits: short against a replication delay, cheap for a replica. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(5);

  /** How long reading goes on after the last wait. */
  static final Duration LINGER = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(AppliedPositions.class);

  private final String dataSource;
  private final NodeSelector nodes;
  private final Properties probeProperties = new Properties();
  private final Map<Node, ConsistencyToken> applied = new ConcurrentHashMap<>();
  private final Map<Node, String> unreadable = new ConcurrentHashMap<>();
  private final Map<Node, Connection> connections = new HashMap<>(); // poller thread only
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private final Condition wanted = lock.newCondition();
  private int waiters;
  private long demandedUntil; // System.nanoTime() until which reading goes on without waiters
  private boolean closed;
  private Thread poller;

  public AppliedPositions(String dataSource, NodeSelector nodes, Properties credentials) {
    this.dataSource = dataSource;
    this.nodes = nodes;
    probeProperties.putAll(credentials);
    // A hung replica must cost a round about a second, not hold every waiter.
    probeProperties.setProperty("connectTimeout", "1000");
    probeProperties.setProperty("socketTimeout", "1000");
  }

  /** What {@code node} has applied as last read; nothing when never read. */
  public ConsistencyToken of(Node node) {
    return applied.getOrDefault(node, ConsistencyToken.none());
  }

  public boolean covers(Node node, ConsistencyToken token) {
    return token.isCoveredBy(of(node));
  }

  /**
   * Waits until {@code done} holds, checking it after every round of reads, for at most {@code
   * timeout}. An interrupt ends the wait as a time-out would, with the thread's flag set again.
   */
  public boolean await(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      waiters++;
      demandedUntil = System.nanoTime() + LINGER.toNanos();
      startPollerIfIdle();
      wanted.signal();
      while (!done.getAsBoolean()) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || closed) {
          return false;
        }
        advanced.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  /** Each replica with its last read position or why it could not be read, for messages. */
  public String describe(List<Node> replicas) {
    StringJoiner text = new StringJoiner(", ");
    for (Node replica : replicas) {
      String why = unreadable.get(replica);
      if (why != null) {
        text.add(replica.name() + " unreadable (" + why + ")");
      } else if (!replica.isHealthy()) {
        text.add(replica.name() + " ejected");
      } else {
        ConsistencyToken position = of(replica);
        text.add(replica.name() + " at " + (position.isEmpty() ? "nothing yet" : position));
      }
    }
    return text.length() == 0 ? "no replicas" : text.toString();
  }

  private void startPollerIfIdle() {
    if (poller == null && !closed) {
      poller = new Thread(this::run, "understudy-positions-" + dataSource);
      poller.setDaemon(true);
      poller.start();
    }
  }

  private void run() {
    try {
      while (awaitWaiters()) {
        readAll();
        lock.lock();
        try {
          advanced.signalAll();
        } finally {
          lock.unlock();
        }
        TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos());
      }
    } catch (InterruptedException e) {
      // close() stops the thread.
    } catch (RuntimeException e) {
      log.error("{}: reading applied positions failed unexpectedly", dataSource, e);
    } finally {
      List.copyOf(connections.keySet()).forEach(this::disconnect);
    }
  }

  /** Sleeps while nobody waits or waited lately; false once closed. */
  private boolean awaitWaiters() throws InterruptedException {
    lock.lock();
    try {
      while (waiters == 0 && System.nanoTime() - demandedUntil > 0 && !closed) {
        wanted.await();
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  private void readAll() {
    List<Node> current = nodes.nodes();
    connections.keySet().removeIf(node -> !current.contains(node) && disconnect(node));
    applied.keySet().retainAll(current);
    unreadable.keySet().retainAll(current);
    for (Node node : current) {
      if (node.role() == NodeRole.REPLICA && node.isHealthy()) {
        read(node);
      }
    }
  }

  private void read(Node node) {
    try {
      Connection connection = connections.get(node);
      if (connection == null) {
        connection = DriverManager.getConnection(node.address().url(), probeProperties);
        connections.put(node, connection);
      }
      ConsistencyToken position = PositionQueries.applied(connection);
      applied.merge(node, position, ConsistencyToken::merge);
      if (unreadable.remove(node) != null) {
        log.info("{}: applied position of {} readable again", dataSource, node);
      }
    } catch (SQLException e) {
      disconnect(node);
      if (unreadable.put(node, e.getMessage()) == null) {
        // Once per change: a replica without the table would otherwise log every 5 ms.
        log.warn(
            "{}: cannot read understudy.applied_position on {} ({}); it counts as having applied"
                + " nothing new until it can be read",
            dataSource,
            node,
            e.getMessage());
      }
    }
  }

  private boolean disconnect(Node node) {
    Connection connection = connections.remove(node);
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // A broken connection has nothing left to close.
      }
    }
    return true;
  }

  @Override
  public void close() {
    Thread thread;
    lock.lock();
    try {
      closed = true;
      wanted.signalAll();
      advanced.signalAll();
      thread = poller;
    } finally {
      lock.unlock();
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
