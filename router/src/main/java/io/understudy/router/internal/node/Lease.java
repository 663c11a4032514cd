package io.understudy.router.internal.node;

import java.sql.Connection;
import java.sql.SQLException;

/** A physical connection borrowed from one node's pool, given back exactly once. */
public final class Lease {

  private final Node node;
  private final Connection connection;
  private boolean released;

  Lease(Node node, Connection connection) {
    this.node = node;
    this.connection = connection;
  }

  public Node node() {
    return node;
  }

  public Connection connection() {
    return connection;
  }

  /** Returns the connection to its pool (HikariCP resets what the session changed). */
  public void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      connection.close();
    } catch (SQLException e) {
      // The pool has already discarded a broken connection; nothing to give back.
    } finally {
      node.returned();
    }
  }

  /**
   * Closes the physical connection for good instead of returning it: its session holds state (user
   * variables, temporary tables, named locks) that the next borrower must not inherit, and which
   * HikariCP does not reset.
   */
  public void discard() {
    if (released) {
      return;
    }
    released = true;
    try {
      node.pool().evictConnection(connection);
    } finally {
      node.returned();
    }
  }

  public boolean isReleased() {
    return released;
  }
}
