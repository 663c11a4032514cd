package io.understudy.router.internal.jdbc;

import io.understudy.router.Routing;
import io.understudy.router.internal.node.Lease;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeRole;
import io.understudy.router.internal.node.NodeSelector;
import io.understudy.router.internal.route.StatementClass;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection an application holds. It owns no server session of its own: each statement borrows
 * a physical connection from the node it is routed to, unless the logical connection is in a
 * transaction or pinned to the primary by session state, in which case one physical connection (the
 * "session") serves every statement until the transaction ends or the logical connection closes.
 * Routing rules: {@code docs/routing.md}.
 */
public final class RoutingConnection implements Connection {

  private final NodeSelector nodes;
  private final String dataSource;
  private final boolean readRetry;
  private final SessionSettings settings = new SessionSettings();
  // Open statements, closed with the connection; most connections run one or two at a time.
  private final List<RoutingStatement> statements = new ArrayList<>(2);

  private Lease session;
  private boolean pinned;
  private boolean explicitTransaction;
  private boolean closed;

  public RoutingConnection(NodeSelector nodes, String dataSource, boolean readRetry) {
    this.nodes = nodes;
    this.dataSource = dataSource;
    this.readRetry = readRetry;
  }

  // --- routing -----------------------------------------------------------------------------

  /**
   * The physical connection statement of class {@code kind} must run on. A result with {@code
   * perStatement} set is the caller's to release after the statement; otherwise it is the session,
   * which this connection releases.
   */
  Target target(StatementClass kind) throws SQLException {
    checkOpen();
    if (session != null) {
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
        return new Target(openSession(nodes.replica(null), false), false);
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
      Lease lease = settings.readOnly() ? nodes.replica(null) : nodes.primary();
      return new Target(openSession(lease, true), false);
    }
    boolean toReplica =
        (kind == StatementClass.READ || settings.readOnly()) && !Routing.isPrimaryForced();
    Lease lease = toReplica ? nodes.replica(null) : nodes.primary();
    return new Target(prepared(lease, false), true);
  }

  /** Another replica for a read that failed on {@code failed} before returning anything. */
  Target retryTarget(Node failed) throws SQLException {
    return new Target(prepared(nodes.replica(failed), false), true);
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

  /** Bookkeeping after a statement ran: an explicit COMMIT or ROLLBACK ends the session. */
  void afterStatement(StatementClass kind) {
    if (kind == StatementClass.END_TRANSACTION && explicitTransaction) {
      explicitTransaction = false;
      releaseSessionUnlessPinned();
    } else if (kind == StatementClass.BEGIN && session != null) {
      explicitTransaction = true;
    }
  }

  private Lease openSession(Lease lease, boolean transaction) throws SQLException {
    session = prepared(lease, transaction);
    return session;
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

  /** The session, opened on the primary and pinned there, for calls that need a real connection. */
  private Connection pinnedSession() throws SQLException {
    checkOpen();
    if (session == null) {
      openSession(nodes.primary(), !settings.autoCommit());
    }
    pinned |= session.node().role() == NodeRole.PRIMARY;
    return session.connection();
  }

  /** A connection to run a short call on without pinning: the session if any, else the primary. */
  private <T> T onAnyConnection(ConnectionCall<T> call) throws SQLException {
    checkOpen();
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

  private boolean inTransaction() {
    return session != null && (explicitTransaction || !settings.autoCommit());
  }

  private void releaseSessionUnlessPinned() {
    if (session != null && !pinned) {
      session.release();
      session = null;
    }
  }

  void register(RoutingStatement statement) {
    statements.add(statement);
  }

  void forget(RoutingStatement statement) {
    statements.remove(statement);
  }

  String dataSource() {
    return dataSource;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw SqlStates.closed("Connection of " + dataSource);
    }
  }

  @FunctionalInterface
  private interface ConnectionCall<T> {
    T apply(Connection connection) throws SQLException;
  }

  // --- statements --------------------------------------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkOpen();
    return new RoutingStatement(this, c -> c.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    return new RoutingStatement(
        this, c -> c.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(this, sql, c -> c.prepareStatement(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(this, sql, c -> c.prepareStatement(sql, autoGeneratedKeys));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(this, sql, c -> c.prepareStatement(sql, columnIndexes));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(this, sql, c -> c.prepareStatement(sql, columnNames));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(
        this, sql, c -> c.prepareStatement(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkOpen();
    return new RoutingPreparedStatement(
        this,
        sql,
        c -> c.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  /**
   * Stored procedures may read, write and leave session state: they run on the primary, and the
   * connection stays there. The returned statement is the primary's own.
   */
  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return pinnedSession().prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return pinnedSession().prepareCall(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return pinnedSession()
        .prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return onAnyConnection(c -> c.nativeSQL(sql));
  }

  // --- transactions and session settings ---------------------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    if (autoCommit == settings.autoCommit()) {
      return;
    }
    settings.autoCommit(autoCommit);
    if (session != null) {
      // JDBC: switching autocommit on commits the open transaction.
      session.connection().setAutoCommit(autoCommit);
      if (autoCommit && !explicitTransaction) {
        releaseSessionUnlessPinned();
      }
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return settings.autoCommit();
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    if (session != null) {
      session.connection().commit();
      explicitTransaction = false;
      releaseSessionUnlessPinned();
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    if (session != null) {
      session.connection().rollback();
      explicitTransaction = false;
      releaseSessionUnlessPinned();
    }
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    if (readOnly == settings.readOnly()) {
      return;
    }
    if (inTransaction()) {
      throw SqlStates.readOnlyInTransaction();
    }
    settings.readOnly(readOnly);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return settings.readOnly();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    settings.catalog(catalog);
    if (session != null) {
      session.connection().setCatalog(catalog);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    String catalog = settings.catalog();
    return catalog != null ? catalog : onAnyConnection(Connection::getCatalog);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    settings.schema(schema);
    if (session != null) {
      session.connection().setSchema(schema);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    String schema = settings.schema();
    return schema != null ? schema : onAnyConnection(Connection::getSchema);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    settings.isolation(level);
    if (session != null) {
      session.connection().setTransactionIsolation(level);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    int level = settings.isolation();
    return level != SessionSettings.UNSET
        ? level
        : onAnyConnection(Connection::getTransactionIsolation);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    settings.networkTimeout(executor, milliseconds);
    if (session != null) {
      session.connection().setNetworkTimeout(executor, milliseconds);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return Math.max(0, settings.networkTimeout());
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    settings.holdability(holdability);
    if (session != null) {
      session.connection().setHoldability(holdability);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    int holdability = settings.holdability();
    return holdability != SessionSettings.UNSET ? holdability : ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return transactionSession().setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return transactionSession().setSavepoint(name);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    transactionSession().rollback(savepoint);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    transactionSession().releaseSavepoint(savepoint);
  }

  private Connection transactionSession() throws SQLException {
    checkOpen();
    if (session == null) {
      if (settings.autoCommit()) {
        throw SqlStates.outOfSequence(
            "Savepoints need a transaction: call setAutoCommit(false) first");
      }
      openSession(settings.readOnly() ? nodes.replica(null) : nodes.primary(), true);
    }
    return session.connection();
  }

  // --- connection-level calls --------------------------------------------------------------

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return pinnedSession().getMetaData();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return session == null ? null : session.connection().getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    if (session != null) {
      session.connection().clearWarnings();
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return onAnyConnection(Connection::getTypeMap);
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    pinnedSession().setTypeMap(map);
  }

  @Override
  public Clob createClob() throws SQLException {
    return onAnyConnection(Connection::createClob);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return onAnyConnection(Connection::createBlob);
  }

  @Override
  public NClob createNClob() throws SQLException {
    return onAnyConnection(Connection::createNClob);
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return onAnyConnection(Connection::createSQLXML);
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return onAnyConnection(c -> c.createArrayOf(typeName, elements));
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return onAnyConnection(c -> c.createStruct(typeName, attributes));
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw SqlStates.invalidArgument("timeout must not be negative: " + timeout);
    }
    if (closed) {
      return false;
    }
    if (session != null) {
      return session.connection().isValid(timeout);
    }
    return nodes.primaryNode().isHealthy();
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    settings.clientInfo().setProperty(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    settings.clientInfo().clear();
    settings.clientInfo().putAll(properties);
  }

  @Override
  public String getClientInfo(String name) {
    return settings.clientInfo().getProperty(name);
  }

  @Override
  public Properties getClientInfo() {
    Properties copy = new Properties();
    copy.putAll(settings.clientInfo());
    return copy;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw SqlStates.invalidArgument("abort needs an executor");
    }
    if (closed) {
      return;
    }
    if (session != null) {
      session.connection().abort(executor);
    }
    close();
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    for (RoutingStatement statement : List.copyOf(statements)) {
      statement.close();
    }
    statements.clear();
    if (session != null) {
      if (pinned) {
        session.discard();
      } else {
        session.release();
      }
      session = null;
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Unwrapping to a driver's own connection type hands out the primary's physical connection and
   * pins this connection there, since the caller may now change its session directly.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return pinnedSession().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || onAnyConnection(c -> c.isWrapperFor(iface));
  }

  @Override
  public String toString() {
    return "RoutingConnection["
        + dataSource
        + (session == null ? "" : ", on " + session.node())
        + (pinned ? ", pinned" : "")
        + (closed ? ", closed" : "")
        + "]";
  }
}
