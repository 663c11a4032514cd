package io.understudy.router.internal.jdbc;

import io.understudy.router.ConsistencyToken;
import io.understudy.router.Routing;
import io.understudy.router.internal.node.Lease;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeRole;
import io.understudy.router.internal.node.NodeSelector;
import io.understudy.router.internal.position.Guarantees;
import io.understudy.router.internal.route.StatementClass;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The routing state of one logical connection: where its next statement runs, and the session (one
 * physical connection) it holds while in a transaction or pinned to the primary by session state.
 * {@link RoutingConnection} is the JDBC surface over it. Rules: {@code docs/routing.md}.
 */
final class SessionRouter {

  private final NodeSelector nodes;
  private final boolean readRetry;
  private final SessionSettings settings = new SessionSettings();
  private final CausalSession causal;

  private Lease session;
  private boolean onPrimary; // the session was opened on the primary of its time
  private boolean pinned;
  private boolean explicitTransaction;
  private boolean sessionWrote; // the open transaction wrote: its commit is a write to track

  SessionRouter(NodeSelector nodes, boolean readRetry, Guarantees guarantees) {
    this.nodes = nodes;
    this.readRetry = readRetry;
    this.causal = new CausalSession(nodes, guarantees);
  }

  CausalSession causal() {
    return causal;
  }

  SessionSettings settings() {
    return settings;
  }

  /**
   * The physical connection a statement of class {@code kind} must run on. A result with {@code
   * perStatement} set is the caller's to release after the statement; otherwise it is the session,
   * which this router releases.
   */
  Target target(StatementClass kind) throws SQLException {
    if (session != null) {
      failIfPrimaryChanged();
      if (kind == StatementClass.SESSION_STATE || kind == StatementClass.TRANSACTION_SETTING) {
        pinned |= session.node().role() == NodeRole.PRIMARY;
      }
      return new Target(session, false);
    }
    switch (kind) {
      case BEGIN -> {
        explicitTransaction = true;
        return new Target(openSession(nodes.primary(), false), false);
      }
      case BEGIN_READ_ONLY -> {
        explicitTransaction = true;
        return new Target(openSession(causal.replica(null), false), false);
      }
      case SESSION_STATE, TRANSACTION_SETTING -> {
        // SQL that changes autocommit or isolation behind JDBC's back must stay where it ran.
        pinned = true;
        return new Target(openSession(nodes.primary(), !settings.autoCommit()), false);
      }
      default -> {
        // Fall through to the cases below.
      }
    }
    if (!settings.autoCommit()) {
      Lease lease = settings.readOnly() ? causal.replica(null) : nodes.primary();
      return new Target(openSession(lease, true), false);
    }
    boolean toReplica =
        (kind == StatementClass.READ || settings.readOnly()) && !Routing.isPrimaryForced();
    Lease lease = toReplica ? causal.replica(null) : nodes.primary();
    return new Target(prepared(lease, false), true);
  }

  /** Another replica for a read that failed on {@code failed} before returning anything. */
  Target retryTarget(Node failed) throws SQLException {
    return new Target(prepared(causal.replica(failed), false), true);
  }

  /** Whether a failed statement on {@code target} may run again elsewhere. */
  boolean mayRetry(Target target, SQLException e) {
    return readRetry
        && target.perStatement()
        && target.lease().node().role() == NodeRole.REPLICA
        && SqlStates.isConnectionFailure(e);
  }

  void failed(Target target, SQLException e) {
    nodes.failed(target.lease().node(), e);
  }

  /**
   * Bookkeeping after a statement ran on {@code target}: an explicit COMMIT or ROLLBACK ends the
   * session, and a write committed on the primary is reported to the causal session (which may wait
   * for a replica to apply it).
   */
  void afterStatement(StatementClass kind, Target target) throws SQLException {
    if (target.perStatement()) {
      if (writes(kind) && target.lease().node().role() == NodeRole.PRIMARY) {
        // The statement's results live on this connection, so it stays borrowed while waiting.
        causal.awaitReplicated(causal.committed(target.lease().connection()));
      }
      return;
    }
    if (kind == StatementClass.END_TRANSACTION) {
      // A ROLLBACK looks the same; its commit check then waits at most for an older GTID.
      boolean release = explicitTransaction;
      explicitTransaction = false;
      transactionEnded(release);
    } else if (kind == StatementClass.BEGIN) {
      explicitTransaction = true;
    } else if (writes(kind)) {
      if (inTransaction()) {
        sessionWrote = true;
      } else if (onPrimary) {
        causal.awaitReplicated(causal.committed(session.connection())); // autocommit, pinned
      }
    }
  }

  /** Statements that may change data; session state included ({@code INSERT ... LASTVAL()}). */
  private static boolean writes(StatementClass kind) {
    return switch (kind) {
      case WRITE, SESSION_STATE -> true;
      default -> false;
    };
  }

  /**
   * The session's transaction committed: reports its writes, gives the session back if {@code
   * release} (and it is not pinned), even when reporting fails, and only then waits for a replica,
   * so that waiting commits do not hold the primary's pool.
   */
  private void transactionEnded(boolean release) throws SQLException {
    boolean wrote = sessionWrote && onPrimary;
    sessionWrote = false;
    ConsistencyToken pending = ConsistencyToken.none();
    try {
      if (wrote) {
        pending = causal.committed(session.connection());
      }
    } finally {
      if (release) {
        releaseUnlessPinned();
      }
    }
    causal.awaitReplicated(pending);
  }

  /** The session's physical connection, or null while statements are routed one by one. */
  Connection current() {
    return session == null ? null : session.connection();
  }

  /** The session, opened on the primary and pinned there, for calls that need a real connection. */
  Connection pinnedSession() throws SQLException {
    if (session == null) {
      openSession(nodes.primary(), !settings.autoCommit());
    }
    failIfPrimaryChanged();
    pinned |= session.node().role() == NodeRole.PRIMARY;
    return session.connection();
  }

  /** The session of a JDBC transaction, opened where the transaction belongs if there is none. */
  Connection transactionSession() throws SQLException {
    if (session == null) {
      if (settings.autoCommit()) {
        throw SqlStates.outOfSequence(
            "Savepoints need a transaction: call setAutoCommit(false) first");
      }
      openSession(settings.readOnly() ? causal.replica(null) : nodes.primary(), true);
    }
    failIfPrimaryChanged();
    return session.connection();
  }

  /** Runs a short call without pinning: on the session if any, else on a borrowed primary. */
  <T> T onAnyConnection(ConnectionCall<T> call) throws SQLException {
    if (session != null) {
      return call.apply(session.connection());
    }
    Lease lease = nodes.primary();
    try {
      return call.apply(lease.connection());
    } finally {
      lease.release();
    }
  }

  boolean inTransaction() {
    return session != null && (explicitTransaction || !settings.autoCommit());
  }

  /** JDBC autocommit changed: switching it on commits, and ends a JDBC transaction's session. */
  void autoCommitChanged(boolean autoCommit) throws SQLException {
    if (session != null) {
      session.connection().setAutoCommit(autoCommit);
      if (autoCommit && !explicitTransaction) {
        transactionEnded(true);
      }
    }
  }

  void commit() throws SQLException {
    if (session != null) {
      failIfPrimaryChanged();
      session.connection().commit();
      explicitTransaction = false;
      transactionEnded(true);
    }
  }

  void rollback() throws SQLException {
    if (session != null) {
      session.connection().rollback();
      explicitTransaction = false;
      sessionWrote = false;
      releaseUnlessPinned();
    }
  }

  /** Whether the logical connection can still work: its session answers, or the primary is up. */
  boolean isValid(int timeoutSeconds) throws SQLException {
    return session != null
        ? !primaryChanged() && session.connection().isValid(timeoutSeconds)
        : nodes.primaryNode().isHealthy();
  }

  /**
   * Gives the session back. A pinned one is discarded instead: user variables, temporary tables and
   * named locks must not reach the next borrower, and HikariCP does not reset them.
   */
  void close() {
    if (session != null) {
      if (pinned) {
        session.discard();
      } else {
        session.release();
      }
      session = null;
    }
  }

  private Lease openSession(Lease lease, boolean transaction) throws SQLException {
    session = prepared(lease, transaction);
    onPrimary = lease.node() == nodes.primaryNode();
    return session;
  }

  private boolean primaryChanged() {
    return session != null && onPrimary && session.node() != nodes.primaryNode();
  }

  /**
   * A session opened on the primary may write only while that node is still the primary: once a
   * newer topology names another, the transaction is dropped (closing the connection rolls it back)
   * and the application retries it on the new primary. Writes and a commit on the old one could
   * land on a node that is about to be fenced, or already was by a failover.
   */
  private void failIfPrimaryChanged() throws SQLException {
    if (!primaryChanged()) {
      return;
    }
    String old = session.node().name();
    session.discard();
    session = null;
    pinned = false;
    explicitTransaction = false;
    sessionWrote = false;
    throw SqlStates.primaryChanged(old, nodes.primaryNode().name());
  }

  private Lease prepared(Lease lease, boolean transaction) throws SQLException {
    try {
      settings.applyTo(lease.connection(), transaction);
      return lease;
    } catch (SQLException e) {
      nodes.failed(lease.node(), e);
      lease.release();
      throw e;
    }
  }

  private void releaseUnlessPinned() {
    if (session != null && !pinned) {
      session.release();
      session = null;
    }
  }

  @Override
  public String toString() {
    return (session == null ? "" : ", on " + session.node()) + (pinned ? ", pinned" : "");
  }

  /** A call on a physical connection. */
  @FunctionalInterface
  interface ConnectionCall<T> {
    T apply(Connection connection) throws SQLException;
  }
}
