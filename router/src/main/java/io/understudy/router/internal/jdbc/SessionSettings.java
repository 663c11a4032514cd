package io.understudy.router.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * What the application set through JDBC on its logical connection, replayed onto every physical
 * connection the logical one uses. Only what was set is applied; HikariCP resets it when the
 * physical connection goes back to its pool.
 */
final class SessionSettings {

  static final int UNSET = -1;

  private boolean autoCommit = true;
  private boolean readOnly;
  private String catalog;
  private String schema;
  private int isolation = UNSET;
  private int holdability = UNSET;
  private int networkTimeout = UNSET;
  private Executor networkTimeoutExecutor;
  private Properties clientInfo; // rarely used: made on first use, not per connection

  /**
   * @param transaction the physical connection will run a JDBC transaction (autocommit off), with
   *     the read-only flag enforced by the server
   */
  void applyTo(Connection connection, boolean transaction) throws SQLException {
    if (catalog != null && !catalog.equals(connection.getCatalog())) {
      connection.setCatalog(catalog);
    }
    if (schema != null) {
      connection.setSchema(schema);
    }
    if (isolation != UNSET) {
      connection.setTransactionIsolation(isolation);
    }
    if (holdability != UNSET) {
      connection.setHoldability(holdability);
    }
    if (networkTimeout != UNSET) {
      connection.setNetworkTimeout(networkTimeoutExecutor, networkTimeout);
    }
    if (transaction) {
      connection.setAutoCommit(false);
      if (readOnly) {
        connection.setReadOnly(true);
      }
    }
  }

  boolean autoCommit() {
    return autoCommit;
  }

  void autoCommit(boolean value) {
    autoCommit = value;
  }

  boolean readOnly() {
    return readOnly;
  }

  void readOnly(boolean value) {
    readOnly = value;
  }

  String catalog() {
    return catalog;
  }

  void catalog(String value) {
    catalog = value;
  }

  String schema() {
    return schema;
  }

  void schema(String value) {
    schema = value;
  }

  int isolation() {
    return isolation;
  }

  void isolation(int value) {
    isolation = value;
  }

  int holdability() {
    return holdability;
  }

  void holdability(int value) {
    holdability = value;
  }

  int networkTimeout() {
    return networkTimeout;
  }

  void networkTimeout(Executor executor, int milliseconds) {
    networkTimeoutExecutor = executor;
    networkTimeout = milliseconds;
  }

  Properties clientInfo() {
    if (clientInfo == null) {
      clientInfo = new Properties();
    }
    return clientInfo;
  }
}
