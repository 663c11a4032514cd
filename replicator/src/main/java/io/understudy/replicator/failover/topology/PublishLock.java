package io.understudy.replicator.failover.topology;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/**
 * A node-wide named lock ({@code GET_LOCK}) that publishers on one node take one at a time, so that
 * their transactions never overlap and InnoDB's gap locks cannot deadlock them. It belongs to the
 * session: a publisher that dies releases it with its connection.
 */
final class PublishLock {

  static final String NAME = "understudy.topology.publish";
  static final int TIMEOUT_SECONDS = 10;

  private PublishLock() {}

  static void take(Connection connection, String node) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT GET_LOCK('" + NAME + "', " + TIMEOUT_SECONDS + ")")) {
      rows.next();
      if (rows.getInt(1) != 1) {
        throw new SQLTimeoutException(
            "another publisher has held the topology lock on "
                + node
                + " for more than "
                + TIMEOUT_SECONDS
                + "s; find its session with SELECT IS_USED_LOCK('"
                + NAME
                + "') and end it if it hangs, then publish again");
      }
    }
  }

  /**
   * Releases the lock; a failure is ignored because closing the connection, which follows, releases
   * it too, and the publish's own outcome is what the caller must see.
   */
  static void releaseQuietly(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DO RELEASE_LOCK('" + NAME + "')");
    } catch (SQLException e) {
      // released with the connection
    }
  }
}
