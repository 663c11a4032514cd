package io.understudy.router.internal.position;

import io.understudy.router.ConsistencyToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * The SQL that reads positions: a write's GTID and the primary's position on the primary, the
 * applied position on a replica. MariaDB only ({@code @@last_gtid}, {@code @@gtid_binlog_pos}).
 */
public final class PositionQueries {

  /** The GTID of the last transaction this session committed; empty if none was binlogged. */
  static final String LAST_GTID = "SELECT @@last_gtid";

  /** The newest GTID of each domain in the primary's binlog. */
  static final String BINLOG_POSITION = "SELECT @@gtid_binlog_pos";

  /** Written by the replicator in the same transaction as the rows: docs/replication.md. */
  static final String APPLIED = "SELECT gtid FROM understudy.applied_position";

  private PositionQueries() {}

  /** The last transaction committed on {@code primarySession}, as a token. */
  public static ConsistencyToken lastGtid(Connection primarySession) throws SQLException {
    return token(primarySession, LAST_GTID);
  }

  /** Everything committed on the primary so far. */
  public static ConsistencyToken binlogPosition(Connection primary) throws SQLException {
    return token(primary, BINLOG_POSITION);
  }

  /** What a replica has applied: one GTID per domain. */
  static ConsistencyToken applied(Connection replica) throws SQLException {
    StringJoiner gtids = new StringJoiner(",");
    try (Statement statement = replica.createStatement();
        ResultSet rows = statement.executeQuery(APPLIED)) {
      while (rows.next()) {
        gtids.add(rows.getString(1));
      }
    }
    return parse(gtids.toString(), APPLIED);
  }

  private static ConsistencyToken token(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      return parse(row.next() ? row.getString(1) : null, sql);
    }
  }

  private static ConsistencyToken parse(String gtids, String sql) throws SQLException {
    try {
      return ConsistencyToken.parse(gtids);
    } catch (IllegalArgumentException e) {
      throw new SQLException(sql + " returned something that is not a GTID list: " + gtids, e);
    }
  }
}
