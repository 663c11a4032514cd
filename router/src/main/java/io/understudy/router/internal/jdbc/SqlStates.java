package io.understudy.router.internal.jdbc;

import io.understudy.router.ConsistencyToken;
import io.understudy.router.ReplicationTimeoutException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

/**
 * Every SQLException the router creates, and how it recognises a broken connection in the ones it
 * receives. The contract for applications is in {@code docs/errors.md}.
 */
public final class SqlStates {

  /** The primary changed while a transaction was open on the old one: retry the transaction. */
  public static final String PRIMARY_CHANGED = "08S02";

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

  /**
   * A session's node stopped being the primary (a newer topology names another): its transaction is
   * rolled back rather than committed on a node that may no longer be the one clients write to.
   */
  public static SQLTransientConnectionException primaryChanged(String oldPrimary, String primary) {
    return new SQLTransientConnectionException(
        "The primary changed from "
            + oldPrimary
            + " to "
            + primary
            + " while this connection had a transaction or session open on "
            + oldPrimary
            + "; it was rolled back and its session closed. Retry the transaction",
        PRIMARY_CHANGED);
  }

  /**
   * A write committed on the primary that no replica confirmed: not a transient error, so that
   * frameworks do not retry it (it would run twice).
   *
   * @param replicas each replica's last known applied position, or why it is unknown
   * @param cause why the write's GTID could not be read, or null after a plain time-out
   */
  public static ReplicationTimeoutException replicationTimeout(
      String dataSource,
      ConsistencyToken written,
      Duration timeout,
      String replicas,
      Throwable cause) {
    String what =
        cause == null
            ? "no replica applied it within replicationTimeout (" + timeout.toMillis() + " ms)"
            : "its GTID could not be read (" + cause.getMessage() + ")";
    return new ReplicationTimeoutException(
        dataSource
            + ": the write"
            + (written.isEmpty() ? "" : " " + written)
            + " is committed on the primary, but "
            + what
            + "; replicas: "
            + replicas
            + ". Do not retry it. Until a replica applies it, a failover could lose it: check that"
            + " the replicator runs and that the replicas can be read, or raise"
            + " understudy.replicationTimeout",
        written,
        cause);
  }

  /**
   * @param replicas every replica with why it could not take the read, e.g. {@code db2:3306
   *     (ejected)}
   */
  public static SQLTransientConnectionException noReplica(
      String dataSource, List<String> replicas, Throwable cause) {
    return new SQLTransientConnectionException(
        dataSource
            + ": no replica can take the read ("
            + (replicas.isEmpty() ? "none configured" : String.join(", ", replicas))
            + ") and fallbackToPrimary is off."
            + " Turn understudy.fallbackToPrimary on or bring a replica back",
        UNABLE_TO_CONNECT,
        cause);
  }

  /** SQLState of calls made in an order JDBC does not allow. */
  public static final String FUNCTION_SEQUENCE = "HY010";

  /** SQLState of an argument out of its range. */
  public static final String INVALID_ARGUMENT = "22023";

  public static SQLException outOfSequence(String message) {
    return new SQLException(message, FUNCTION_SEQUENCE);
  }

  public static SQLException invalidArgument(String message) {
    return new SQLException(message, INVALID_ARGUMENT);
  }

  public static SQLFeatureNotSupportedException notSupported(String message) {
    return new SQLFeatureNotSupportedException(message, "0A000");
  }

  /** A node the health thread could not reach: treated like any broken connection. */
  public static SQLTransientConnectionException unreachable(String node, SQLException cause) {
    return new SQLTransientConnectionException(
        "health check of " + node + " failed: " + cause.getMessage(), UNABLE_TO_CONNECT, cause);
  }

  public static SQLException invalidUrl(String redactedUrl, String problems, Throwable cause) {
    return new SQLException(
        "Invalid Understudy URL " + redactedUrl + ": " + problems, UNABLE_TO_CONNECT, cause);
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
