package io.understudy.replicator.failover.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Probes one node over a connection of its own, kept open between probes so that a probe is one
 * round trip; a failed probe drops the connection and the next one reconnects.
 *
 * <p>Every wait is bounded by {@code timeout}: the TCP connect and handshake ({@code
 * connectTimeout}) and every read ({@code socketTimeout}). A server-side statement timeout would
 * not do: a SIGSTOPped server runs nothing, so only the client's socket timeout ends the wait.
 *
 * <p>One thread at a time may call {@link #probe()}; {@link #abort()} may be called from any thread
 * to end a probe that is waiting.
 */
public final class NodeProber implements AutoCloseable {

  private final String node;
  private final String jdbcUrl;
  private final Properties properties = new Properties();
  private volatile Connection connection;
  private volatile boolean closed;

  /**
   * @param node the node's name, for messages
   * @param host the node's address
   * @param port the node's port
   * @param timeout the bound on connecting and on waiting for an answer
   */
  public NodeProber(
      String node, String host, int port, String user, String password, Duration timeout) {
    this.node = Objects.requireNonNull(node, "node");
    this.jdbcUrl = "jdbc:mysql://" + host + ":" + port + "/";
    String millis = Long.toString(Math.max(1, timeout.toMillis()));
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", millis);
    properties.setProperty("socketTimeout", millis);
    properties.setProperty("tcpKeepAlive", "true");
  }

  public String node() {
    return node;
  }

  /**
   * Reads the node's state in one statement.
   *
   * @throws SQLException if the node does not answer within the timeout (SQLState class {@code 08})
   *     or answers with an error (say, a missing grant); the connection is dropped either way
   */
  public NodeReading probe() throws SQLException {
    Connection current = connection;
    try {
      if (current == null || current.isClosed()) {
        if (closed) {
          throw new SQLException("prober of " + node + " is closed", "08003");
        }
        current = DriverManager.getConnection(jdbcUrl, properties);
        connection = current;
        if (closed) {
          abort(); // closed while connecting: leave no connection behind
        }
      }
      try (Statement statement = current.createStatement();
          ResultSet rows = statement.executeQuery(ProbeQuery.SQL)) {
        return ProbeQuery.read(rows);
      }
    } catch (SQLException e) {
      drop(current);
      throw e;
    }
  }

  /** Ends a probe waiting on the node, from any thread, by closing the socket under it. */
  public void abort() {
    Connection current = connection;
    if (current != null) {
      try {
        Executor inline = Runnable::run;
        current.abort(inline);
      } catch (SQLException | RuntimeException e) {
        // Best effort: the socket timeout ends the wait anyway.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    abort();
    connection = null;
  }

  private void drop(Connection failed) {
    if (connection == failed) {
      connection = null;
    }
    if (failed != null) {
      try {
        Executor inline = Runnable::run;
        failed.abort(inline);
      } catch (SQLException | RuntimeException e) {
        // The connection is broken already; nothing more to release.
      }
    }
  }
}
