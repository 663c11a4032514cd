package io.understudy.router.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Settings made on a logical statement, replayed on each physical statement it executes on. */
final class StatementSettings {

  private int maxFieldSize;
  private long maxRows;
  private int queryTimeout;
  private int fetchSize;
  private int fetchDirection = ResultSet.FETCH_FORWARD;
  private boolean poolable;
  private boolean closeOnCompletion;
  private Boolean escapeProcessing;
  private String cursorName;

  /** Applies only what differs from a fresh statement's defaults, to save driver work. */
  void applyTo(Statement statement) throws SQLException {
    if (maxFieldSize != 0) {
      statement.setMaxFieldSize(maxFieldSize);
    }
    if (maxRows != 0) {
      statement.setLargeMaxRows(maxRows);
    }
    if (queryTimeout != 0) {
      statement.setQueryTimeout(queryTimeout);
    }
    if (fetchSize != 0) {
      statement.setFetchSize(fetchSize);
    }
    if (fetchDirection != ResultSet.FETCH_FORWARD) {
      statement.setFetchDirection(fetchDirection);
    }
    if (poolable) {
      statement.setPoolable(true);
    }
    if (escapeProcessing != null) {
      statement.setEscapeProcessing(escapeProcessing);
    }
    if (cursorName != null) {
      statement.setCursorName(cursorName);
    }
    if (closeOnCompletion) {
      statement.closeOnCompletion();
    }
  }

  int maxFieldSize() {
    return maxFieldSize;
  }

  void maxFieldSize(int value) throws SQLException {
    maxFieldSize = nonNegative("maxFieldSize", value);
  }

  long maxRows() {
    return maxRows;
  }

  void maxRows(long value) throws SQLException {
    if (value < 0) {
      throw SqlStates.invalidArgument("maxRows must not be negative: " + value);
    }
    maxRows = value;
  }

  int queryTimeout() {
    return queryTimeout;
  }

  void queryTimeout(int value) throws SQLException {
    queryTimeout = nonNegative("queryTimeout", value);
  }

  int fetchSize() {
    return fetchSize;
  }

  void fetchSize(int value) {
    // Integer.MIN_VALUE is Connector/J's request to stream results row by row.
    fetchSize = value;
  }

  int fetchDirection() {
    return fetchDirection;
  }

  void fetchDirection(int value) {
    fetchDirection = value;
  }

  boolean poolable() {
    return poolable;
  }

  void poolable(boolean value) {
    poolable = value;
  }

  void escapeProcessing(boolean value) {
    escapeProcessing = value;
  }

  void cursorName(String value) {
    cursorName = value;
  }

  void closeOnCompletion() {
    closeOnCompletion = true;
  }

  boolean isCloseOnCompletion() {
    return closeOnCompletion;
  }

  private static int nonNegative(String name, int value) throws SQLException {
    if (value < 0) {
      throw SqlStates.invalidArgument(name + " must not be negative: " + value);
    }
    return value;
  }
}
