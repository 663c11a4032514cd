package io.understudy.router.internal.route;

/** Where one SQL string must run, as decided by {@link StatementClassifier#classify(String)}. */
public enum StatementClass {
  /** Run it on any healthy, caught-up replica (or on the primary if none is available). */
  READ,

  /** Run it on the primary; later reads of the same connection may go back to replicas. */
  WRITE,

  /** Run it on the primary and keep the logical connection there until it is closed or reset. */
  SESSION_STATE,

  /** Run it on the primary and keep the connection there until the transaction ends. */
  BEGIN,

  /** Start a read-only transaction and keep every statement of it on one server until it ends. */
  BEGIN_READ_ONLY,

  /** Run it where the transaction ran; then route statement by statement again unless pinned. */
  END_TRANSACTION,

  /** Apply it through the JDBC connection's own autocommit, isolation or read-only setting. */
  TRANSACTION_SETTING
}
