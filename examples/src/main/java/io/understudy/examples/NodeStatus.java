package io.understudy.examples;

import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a node says about itself: its role (a writable node is a primary, a read-only one a replica)
 * and its GTID positions.
 *
 * @param binlogPosition {@code @@gtid_binlog_pos}: the newest transaction in the node's binary log
 * @param currentPosition {@code @@gtid_current_pos}: the newest transaction the node has applied
 */
record NodeStatus(
    ClusterNode node,
    int serverId,
    boolean readOnly,
    String binlogPosition,
    String currentPosition) {

  static NodeStatus of(ClusterNode node, Credentials monitor) throws SQLException {
    try (Connection connection = node.connect(monitor);
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT @@server_id, @@read_only, @@gtid_binlog_pos, @@gtid_current_pos")) {
      row.next();
      return new NodeStatus(
          node, row.getInt(1), row.getBoolean(2), row.getString(3), row.getString(4));
    }
  }

  String role() {
    return readOnly ? "replica" : "primary";
  }

  static String header() {
    return String.format(
        "%-7s %-8s %-9s %-16s %-9s %-16s %-16s",
        "node", "role", "server_id", "address", "read_only", "gtid_binlog_pos", "gtid_current_pos");
  }

  String line() {
    return String.format(
        "%-7s %-8s %-9d %-16s %-9s %-16s %-16s",
        node.name(),
        role(),
        serverId,
        node.host() + ":" + node.port(),
        readOnly ? "ON" : "OFF",
        blankAsDash(binlogPosition),
        blankAsDash(currentPosition));
  }

  private static String blankAsDash(String position) {
    return position == null || position.isEmpty() ? "-" : position;
  }
}
