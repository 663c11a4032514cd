package io.understudy.router.internal.jdbc;

import io.understudy.router.internal.route.StatementClass;
import io.understudy.router.internal.route.StatementClassifier;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * A logical prepared statement. Its SQL is classified once, here; each execution prepares it on the
 * physical connection it is routed to and applies the recorded parameters there (client-side
 * preparation in Connector/J makes that cheap). The parameter setters below are mechanical: each
 * records the call so it can be replayed on a physical statement.
 */
public final class RoutingPreparedStatement extends RoutingStatement implements PreparedStatement {

  private final String sql;
  private final StatementClass kind;
  private final Factory<PreparedStatement> factory;
  private final Parameters parameters = new Parameters();
  // Made once, not per execution: the statement path should not allocate what it can reuse.
  private final Factory<PreparedStatement> withParameters = this::prepareWithParameters;
  private List<Parameters> batch;

  RoutingPreparedStatement(
      RoutingConnection connection, String sql, Factory<PreparedStatement> factory) {
    super(connection, c -> factory.create(c));
    this.sql = sql;
    this.kind = StatementClassifier.classify(sql);
    this.factory = factory;
  }

  private <T> T runPrepared(Action<PreparedStatement, T> action) throws SQLException {
    return run(kind, withParameters, action);
  }

  private PreparedStatement prepareWithParameters(java.sql.Connection physical)
      throws SQLException {
    PreparedStatement statement = factory.create(physical);
    parameters.applyTo(statement);
    return statement;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return runPrepared(PreparedStatement::executeQuery);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return runPrepared(PreparedStatement::executeUpdate);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return runPrepared(PreparedStatement::executeLargeUpdate);
  }

  @Override
  public boolean execute() throws SQLException {
    return runPrepared(PreparedStatement::execute);
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    if (batch == null) {
      batch = new ArrayList<>();
    }
    batch.add(parameters.copy());
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    if (batch != null) {
      batch.clear();
    }
  }

  /** A batch always runs on the primary: it is a write by nature. */
  @Override
  public int[] executeBatch() throws SQLException {
    List<Parameters> entries = takeBatch();
    return run(batchClass(), this::prepareBatch, s -> addAll(s, entries).executeBatch());
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    List<Parameters> entries = takeBatch();
    return run(batchClass(), this::prepareBatch, s -> addAll(s, entries).executeLargeBatch());
  }

  private StatementClass batchClass() {
    return kind == StatementClass.READ ? StatementClass.WRITE : kind;
  }

  private List<Parameters> takeBatch() throws SQLException {
    checkOpen();
    List<Parameters> entries = batch == null ? List.of() : List.copyOf(batch);
    clearBatch();
    return entries;
  }

  private PreparedStatement prepareBatch(java.sql.Connection physical) throws SQLException {
    return factory.create(physical);
  }

  private static PreparedStatement addAll(PreparedStatement statement, List<Parameters> entries)
      throws SQLException {
    for (Parameters entry : entries) {
      entry.applyTo(statement);
      statement.addBatch();
    }
    return statement;
  }

  /** Before the first execution, the statement is prepared where an execution would run. */
  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return preparedPhysical().getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return preparedPhysical().getParameterMetaData();
  }

  private PreparedStatement preparedPhysical() throws SQLException {
    checkOpen();
    try {
      return (PreparedStatement) physical();
    } catch (SQLException notYetExecuted) {
      return run(kind, withParameters, s -> s);
    }
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    parameters.clear();
  }

  @Override
  public String toString() {
    return "RoutingPreparedStatement[" + sql + "]";
  }

  // --- recorded parameter setters (mechanical) ------------------------------------------------

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setArray(i, x));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setAsciiStream(i, x, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setAsciiStream(i, x, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setAsciiStream(i, x));
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBigDecimal(i, x));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBinaryStream(i, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBinaryStream(i, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBinaryStream(i, x));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBlob(i, x, length));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBlob(i, x));
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBlob(i, x));
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBoolean(i, x));
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setByte(i, x));
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setBytes(i, x));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader x, int length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setCharacterStream(i, x, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setCharacterStream(i, x, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setCharacterStream(i, x));
  }

  @Override
  public void setClob(int parameterIndex, Reader x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setClob(i, x, length));
  }

  @Override
  public void setClob(int parameterIndex, Reader x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setClob(i, x));
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setClob(i, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar calendar) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setDate(i, x, calendar));
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setDate(i, x));
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setDouble(i, x));
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setFloat(i, x));
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setInt(i, x));
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setLong(i, x));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNCharacterStream(i, x, length));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNCharacterStream(i, x));
  }

  @Override
  public void setNClob(int parameterIndex, Reader x, long length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNClob(i, x, length));
  }

  @Override
  public void setNClob(int parameterIndex, Reader x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNClob(i, x));
  }

  @Override
  public void setNClob(int parameterIndex, NClob x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNClob(i, x));
  }

  @Override
  public void setNString(int parameterIndex, String x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNString(i, x));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNull(i, sqlType, typeName));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setNull(i, sqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setObject(i, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setObject(i, x, targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setObject(i, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setObject(i, x, targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setObject(i, x));
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setRef(i, x));
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setRowId(i, x));
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setSQLXML(i, x));
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setShort(i, x));
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setString(i, x));
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar calendar) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setTime(i, x, calendar));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setTime(i, x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar calendar) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setTimestamp(i, x, calendar));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setTimestamp(i, x));
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setURL(i, x));
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    parameters.set(parameterIndex, (s, i) -> s.setUnicodeStream(i, x, length));
  }
}
