package io.understudy.router.internal.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Every SQLException the router creates, and how it recognises a broken connection in the ones it
 * receives. The contract for applications is in {@code docs/errors.md}.
 */
public final class SqlStates {

  /** SQLState class of connection exceptions. */
  private static final String CONNECTION_CLASS = "08";

  /** The client could not establish a connection. */
  public static final String UNABLE_TO_CONNECT = "08001";

  /** The connection was closed (by us) before the call. */
  public static final String CONNECTION_CLOSED = "08003";

  /** Invalid transaction state: read-only cannot change inside a transaction. */
  public static final String READ_ONLY_IN_TRANSACTION = "25001";

  private SqlStates() {}

  /** Whether {@code e} (or a cause) says the connection to the server broke or never opened. */
  public static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith(CONNECTION_CLASS)) {
        return true;
      }
      if (t.getClass().getName().endsWith("CommunicationsException")) {
        return true;
      }
    }
    return false;
  }

  public static SQLTransientConnectionException primaryUnavailable(
      String dataSource, String node, Throwable cause) {
    return new SQLTransientConnectionException(
        dataSource
            + ": the primary "
            + node
            + " is unreachable, so writes cannot run; reads continue on replicas."
            + " Check that the server is up and reachable, or wait for failover"
            + (cause == null ? "" : " (last error: " + cause.getMessage() + ")"),
        UNABLE_TO_CONNECT,
        cause);
  }

  public static SQLTransientConnectionException noReplica(
      String dataSource, List<String> tried, Throwable cause) {
    return new SQLTransientConnectionException(
        dataSource
            + ": no healthy, caught-up replica can take the read (tried "
            + (tried.isEmpty() ? "none: every replica is ejected, lagging or drained" : tried)
            + ") and fallbackToPrimary is off."
            + " Turn understudy.fallbackToPrimary on or bring a replica back",
        UNABLE_TO_CONNECT,
        cause);
  }

  public static SQLException closed(String what) {
    return new SQLException(what + " is closed", CONNECTION_CLOSED);
  }

  public static SQLException readOnlyInTransaction() {
    return new SQLException(
        "Cannot change read-only inside a transaction: commit or roll back first",
        READ_ONLY_IN_TRANSACTION);
  }
}
