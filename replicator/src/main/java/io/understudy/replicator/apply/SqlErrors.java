package io.understudy.replicator.apply;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Classifies the SQLExceptions a replica raises, in one place, by what the applier does next. */
final class SqlErrors {

  /** ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME. */
  private static final Set<Integer> DUPLICATE_KEY = Set.of(1062, 1586);

  /** ER_ROW_IS_REFERENCED_2, ER_NO_REFERENCED_ROW_2: a row the source had is missing or extra. */
  private static final Set<Integer> FOREIGN_KEY = Set.of(1451, 1452);

  /** ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT: a local reader held locks; trying again works. */
  private static final Set<Integer> TRANSIENT = Set.of(1213, 1205);

  /**
   * What re-running a DDL that already took effect raises: table/database exists, unknown table,
   * duplicate column or key name, can't drop what is gone, duplicate foreign key name, multiple
   * primary keys.
   */
  private static final Set<Integer> DDL_ALREADY_APPLIED =
      Set.of(1050, 1007, 1051, 1008, 1060, 1061, 1091, 1826, 1068);

  private SqlErrors() {}

  /** Whether {@code e} (or a cause) says the connection broke or never opened. */
  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t.getClass().getName().endsWith("CommunicationsException")) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /** A duplicate key or a broken foreign key: the replica's data differs from the source's. */
  static boolean isDivergence(SQLException e) {
    return hasCode(e, DUPLICATE_KEY) || hasCode(e, FOREIGN_KEY);
  }

  static boolean isTransient(SQLException e) {
    return hasCode(e, TRANSIENT);
  }

  static boolean isDdlAlreadyApplied(SQLException e) {
    return hasCode(e, DDL_ALREADY_APPLIED);
  }

  private static boolean hasCode(SQLException e, Set<Integer> codes) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && codes.contains(sql.getErrorCode())) {
        return true;
      }
    }
    return false;
  }
}
