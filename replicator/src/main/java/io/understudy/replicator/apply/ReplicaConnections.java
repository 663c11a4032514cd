package io.understudy.replicator.apply;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the applier's connection to its replica, with the session the applier relies on. */
final class ReplicaConnections {

  private ReplicaConnections() {}

  static Connection open(ApplierConfig config) throws SQLException {
    Connection connection =
        DriverManager.getConnection(config.connectionUrl(), config.user(), config.password());
    try (Statement statement = connection.createStatement()) {
      statement.execute(SqlTemplates.SESSION_SETTINGS);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  static void rollbackQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is broken: the server rolls the transaction back when it notices.
    }
  }

  static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a broken connection can fail; there is nothing left to release.
    }
  }

  static boolean isValid(Connection connection) {
    try {
      return connection != null && connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
