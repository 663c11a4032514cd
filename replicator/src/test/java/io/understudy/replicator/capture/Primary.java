package io.understudy.replicator.capture;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** JDBC shortcuts against node 0 of a test cluster. */
final class Primary {

  private final Cluster cluster;

  Primary(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Runs each statement as an autocommit transaction of {@code user}. */
  void execute(Credentials user, String schema, String... statements) throws SQLException {
    try (Connection connection = connect(user, schema);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Runs all statements in one transaction of {@code user}. */
  void inTransaction(Credentials user, String schema, String... statements) throws SQLException {
    try (Connection connection = connect(user, schema);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String sql : statements) {
        statement.execute(sql);
      }
      connection.commit();
    }
  }

  String queryString(String sql) throws SQLException {
    return queryStringAt(sql, 1);
  }

  /** Column {@code column} of the first row of {@code sql}, run as admin. */
  String queryStringAt(String sql, int column) throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(column) : null;
    }
  }

  CaptureConfig captureConfig(long serverId) {
    Credentials replicator = cluster.users().replicator();
    return CaptureConfig.of(
        cluster.node(0).host(),
        cluster.node(0).port(),
        replicator.user(),
        replicator.password(),
        serverId);
  }

  private Connection connect(Credentials user, String schema) throws SQLException {
    Connection connection = cluster.node(0).connect(user);
    if (schema != null) {
      connection.setCatalog(schema);
    }
    return connection;
  }
}
