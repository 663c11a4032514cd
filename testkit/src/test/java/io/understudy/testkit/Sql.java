package io.understudy.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for the testkit's own tests. */
final class Sql {

  private Sql() {}

  static String queryString(ClusterNode node, Credentials credentials, String sql)
      throws SQLException {
    try (Connection connection = node.connect(credentials)) {
      return queryString(connection, sql);
    }
  }

  static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  static void execute(ClusterNode node, Credentials credentials, String... statements)
      throws SQLException {
    try (Connection connection = node.connect(credentials);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
