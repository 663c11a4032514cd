package io.understudy.replicator.heartbeat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code understudy.heartbeat} on the primary every {@code interval}, on a daemon thread of
 * its own ({@code understudy-heartbeat}), so that each replica's newest heartbeat tells how far
 * behind it is (docs/routing.md, "Lag-aware routing"). A failed write drops the connection and is
 * retried with a backoff that starts at the interval and doubles up to {@link #MAX_RETRY_DELAY}.
 * Only changes of state are logged: a broken primary costs one warning, not one every 500 ms.
 */
public final class HeartbeatWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatWriter.class);

  /** The longest wait between two attempts while the primary cannot be written. */
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

  /** Where the writer is; moves between CONNECTING, WRITING and RETRYING until CLOSED. */
  public enum State {
    /** Started; no heartbeat written yet. */
    CONNECTING,
    /** The last write succeeded. */
    WRITING,
    /** The last write failed; retrying with backoff. */
    RETRYING,
    CLOSED
  }

  private final String node;
  private final String url;
  private final String user;
  private final String password;
  private final Duration interval;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
  private volatile Connection connection;
  private volatile SQLException lastError;

  private PreparedStatement upsert; // writer thread only
  private int failures; // writer thread only

  private HeartbeatWriter(
      String node, String jdbcUrl, String user, String password, Duration interval) {
    this.node = Objects.requireNonNull(node, "node");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval: must be positive, got " + interval);
    }
    this.url = withTimeouts(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), interval);
    this.thread = new Thread(this::run, "understudy-heartbeat");
    thread.setDaemon(true);
  }

  /**
   * Starts writing; connects on its own thread, so an unreachable primary does not fail here.
   *
   * @param node the primary's name, for logs
   * @param jdbcUrl the primary, without query parameters of its own
   * @param user a user with INSERT and UPDATE on {@code understudy.heartbeat}
   */
  public static HeartbeatWriter start(
      String node, String jdbcUrl, String user, String password, Duration interval) {
    HeartbeatWriter writer = new HeartbeatWriter(node, jdbcUrl, user, password, interval);
    writer.thread.start();
    return writer;
  }

  public State state() {
    return state.get();
  }

  /** The last failed write while {@link State#RETRYING}; null otherwise. */
  public SQLException lastError() {
    return lastError;
  }

  /** Stops writing and closes the connection; cuts it if a write hangs on a frozen primary. */
  @Override
  public void close() {
    closing.countDown();
    try {
      thread.join(CLOSE_WAIT.toMillis());
      if (thread.isAlive()) {
        abortConnection();
        thread.interrupt();
        thread.join(CLOSE_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state.set(State.CLOSED);
  }

  private void run() {
    while (closing.getCount() > 0) {
      long started = System.nanoTime();
      Duration wait;
      try {
        write();
        succeeded();
        wait = interval.minusNanos(System.nanoTime() - started);
      } catch (SQLException e) {
        failed(e);
        wait = retryDelay(interval, failures);
      }
      try {
        if (!wait.isNegative()) {
          closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    disconnect();
  }

  private void write() throws SQLException {
    if (connection == null) {
      Connection opened = DriverManager.getConnection(url, user, password);
      connection = opened;
      upsert = opened.prepareStatement(HeartbeatTable.UPSERT);
    }
    upsert.executeUpdate();
  }

  private void succeeded() {
    State previous = state.getAndSet(State.WRITING);
    if (previous == State.CONNECTING) {
      log.info(
          "Heartbeat: writing understudy.heartbeat on {} every {} ms", node, interval.toMillis());
    } else if (previous == State.RETRYING) {
      log.info("Heartbeat on {} written again after {} failed attempts", node, failures);
    }
    failures = 0;
    lastError = null;
  }

  private void failed(SQLException e) {
    disconnect();
    failures++;
    lastError = e;
    if (state.getAndSet(State.RETRYING) != State.RETRYING) {
      log.warn(
          "Heartbeat on {} failed: {} (SQLState {}); replicas' lag cannot be measured until it"
              + " is written again. Retrying every {} ms or less.",
          node,
          e.getMessage(),
          e.getSQLState(),
          MAX_RETRY_DELAY.toMillis());
    } else {
      log.debug("Heartbeat on {}: attempt {} failed: {}", node, failures, e.getMessage());
    }
  }

  /** The wait after the {@code failures}-th failure in a row: the interval, doubled per failure. */
  static Duration retryDelay(Duration interval, int failures) {
    Duration delay = interval;
    for (int i = 1; i < failures && delay.compareTo(MAX_RETRY_DELAY) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_RETRY_DELAY) < 0 ? delay : MAX_RETRY_DELAY;
  }

  /**
   * A write must not hang on a frozen primary longer than a few intervals (and never less than the
   * connect timeout): past that the connection counts as lost and is replaced.
   */
  static String withTimeouts(String jdbcUrl, Duration interval) {
    long socketTimeout = Math.max(CONNECT_TIMEOUT_MILLIS, 4 * interval.toMillis());
    return jdbcUrl
        + (jdbcUrl.contains("?") ? "&" : "?")
        + "connectTimeout="
        + CONNECT_TIMEOUT_MILLIS
        + "&socketTimeout="
        + socketTimeout
        + "&tcpKeepAlive=true";
  }

  private void disconnect() {
    Connection current = connection;
    connection = null;
    upsert = null;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException ignored) {
        // A broken connection may fail to close; there is nothing left to release.
      }
    }
  }

  private void abortConnection() {
    Connection current = connection;
    if (current != null) {
      try {
        current.abort(Runnable::run);
      } catch (SQLException ignored) {
        // Already broken: nothing to cut.
      }
    }
  }
}
