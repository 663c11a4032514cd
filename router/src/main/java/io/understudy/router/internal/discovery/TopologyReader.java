package io.understudy.router.internal.discovery;

import io.understudy.router.internal.jdbc.SqlStates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a node's newest epoch over a connection of its own, outside the application's pools, kept
 * between rounds. Used by one thread at a time.
 */
public final class TopologyReader implements AutoCloseable {

  // One statement, so InnoDB answers from one snapshot: never an epoch with half its members.
  private static final String NEWEST_EPOCH =
      "SELECT t.epoch, t.primary_node, m.node, m.host, m.port, m.role"
          + " FROM understudy.topology t"
          + " LEFT JOIN understudy.topology_member m ON m.epoch = t.epoch"
          + " WHERE t.epoch = (SELECT MAX(epoch) FROM understudy.topology)";
  private static final int NO_SUCH_TABLE = 1146;
  private static final int NO_SUCH_DATABASE = 1049;
  private static final int TABLE_ACCESS_DENIED = 1142;
  private static final int DATABASE_ACCESS_DENIED = 1044;
  private static final int LOGIN_DENIED = 1045;
  private static final String ROLES = "primary, replica or fenced";

  private final Properties properties;
  private final Map<String, Connection> connections = new HashMap<>();

  /**
   * @param properties user, password and driver properties, time-outs included
   */
  public TopologyReader(Properties properties) {
    this.properties = properties;
  }

  /** The newest epoch {@code node} ({@code host:port}) holds, or why it cannot tell. */
  public Reading read(String node) {
    boolean kept = connections.containsKey(node);
    try {
      return readOnce(node);
    } catch (SQLException first) {
      if (!SqlStates.isConnectionFailure(first)) {
        return new Reading.Failed(node, reason(first));
      }
      close(node);
      // A kept connection may have been closed by the server since the last round: once more.
      if (kept) {
        try {
          return readOnce(node);
        } catch (SQLException second) {
          return new Reading.Failed(node, reason(second));
        }
      }
      return new Reading.Failed(node, reason(first));
    } catch (IllegalArgumentException e) {
      return new Reading.Failed(node, "has a member with a role that is not " + ROLES);
    }
  }

  private Reading readOnce(String node) throws SQLException {
    Connection connection = connections.get(node);
    if (connection == null) {
      connection = DriverManager.getConnection("jdbc:mysql://" + node + "/", properties);
      connections.put(node, connection);
    }
    long epoch = -1;
    String primaryNode = null;
    List<PublishedTopology.Member> members = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(NEWEST_EPOCH);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        epoch = rows.getLong(1);
        primaryNode = rows.getString(2);
        if (rows.getString(3) != null) {
          members.add(
              new PublishedTopology.Member(
                  rows.getString(3),
                  rows.getString(4),
                  rows.getInt(5),
                  PublishedTopology.Role.valueOf(rows.getString(6).toUpperCase(Locale.ROOT))));
        }
      }
    }
    if (primaryNode == null) {
      return new Reading.Failed(node, "holds no topology yet (understudy.topology is empty)");
    }
    return new Reading.Found(node, new PublishedTopology(epoch, primaryNode, members));
  }

  /** What went wrong, in words an operator can act on. */
  private static String reason(SQLException e) {
    if (SqlStates.isConnectionFailure(e)) {
      return "unreachable (" + rootMessage(e) + ")";
    }
    return switch (e.getErrorCode()) {
      case NO_SUCH_TABLE, NO_SUCH_DATABASE -> "has no understudy.topology table";
      case TABLE_ACCESS_DENIED, DATABASE_ACCESS_DENIED ->
          "the user may not read the topology; grant it SELECT ON understudy.*";
      case LOGIN_DENIED -> "refused the login (" + e.getMessage() + ")";
      default -> e.getMessage();
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(e.getMessage());
    return root == e ? message : message + ": " + firstLine(root.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Closes the connections to nodes no longer asked. */
  public void retain(Set<String> nodes) {
    List.copyOf(connections.keySet()).stream().filter(n -> !nodes.contains(n)).forEach(this::close);
  }

  private void close(String node) {
    Connection connection = connections.remove(node);
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Broken already; nothing left to release.
      }
    }
  }

  @Override
  public void close() {
    List.copyOf(connections.keySet()).forEach(this::close);
  }
}
