package io.understudy.testkit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database server of a {@link Cluster}, with the faults a test can inject into it.
 *
 * <p>Fault methods return once the fault is in effect: after {@link #kill()} the process is gone,
 * after {@link #restart()} the server accepts connections again.
 */
public interface ClusterNode {

  /** Position in the cluster, from 0. */
  int index();

  /** {@code node-0}, {@code node-1}, ...; used in logs and messages. */
  default String name() {
    return "node-" + index();
  }

  /** The {@code server_id} the node runs with; unique within the cluster. */
  int serverId();

  String host();

  int port();

  /** A Connector/J URL of the node without a default schema. */
  default String jdbcUrl() {
    return "jdbc:mysql://" + host() + ":" + port() + "/";
  }

  /** A Connector/J URL of the node with {@code schema} as the default schema. */
  default String jdbcUrl(String schema) {
    return jdbcUrl() + schema;
  }

  /** Opens a new connection to this node; the caller closes it. */
  Connection connect(Credentials credentials) throws SQLException;

  /** Kills the server process with SIGKILL (or its container equivalent) and waits until gone. */
  void kill();

  /** Freezes the server process (SIGSTOP): connections stay open but nothing answers. */
  void pause();

  /** Undoes {@link #pause()} (SIGCONT). */
  void resume();

  /** Shuts the server down cleanly, keeping its data. */
  void stop();

  /**
   * Starts the server again on the same port with the same data and options; stops it first if
   * needed.
   */
  void restart();

  /** Process id of the server; for a container, the host pid of its main process. */
  long pid();

  /** Whether the server process exists (a paused server is alive). */
  boolean isAlive();

  boolean isPaused();
}
