package io.understudy.replicator.failover.topology;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The statements on the two tables, and the mapping between their rows and a topology. */
final class TopologyRows {

  private static final String LOCK_NEWEST_EPOCH =
      "SELECT MAX(epoch) FROM understudy.topology FOR UPDATE";
  private static final String SELECT_NEWEST =
      "SELECT t.epoch, t.primary_node, t.written_at, t.written_by, t.reason,"
          + " m.node, m.host, m.port, m.role"
          + " FROM understudy.topology t JOIN understudy.topology_member m ON m.epoch = t.epoch"
          + " WHERE t.epoch = (SELECT MAX(epoch) FROM understudy.topology)"
          + " ORDER BY m.node";
  private static final String INSERT_TOPOLOGY =
      "INSERT INTO understudy.topology (epoch, primary_node, written_at, written_by, reason)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_MEMBER =
      "INSERT INTO understudy.topology_member (epoch, node, host, port, role)"
          + " VALUES (?, ?, ?, ?, ?)";

  private TopologyRows() {}

  /** The highest epoch (0 if none), locking the table's end until the transaction ends. */
  static long lockNewestEpoch(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(LOCK_NEWEST_EPOCH)) {
      rows.next();
      return rows.getLong(1); // NULL (no epoch yet) reads as 0, below every valid epoch
    }
  }

  static Optional<PublishedTopology> readNewest(Connection connection, String node)
      throws SQLException {
    long epoch = 0;
    String primaryNode = null;
    Instant writtenAt = null;
    String writtenBy = null;
    String reason = null;
    List<Member> members = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(SELECT_NEWEST)) {
      while (rows.next()) {
        epoch = rows.getLong(1);
        primaryNode = rows.getString(2);
        writtenAt = rows.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        writtenBy = rows.getString(4);
        reason = rows.getString(5);
        members.add(
            new Member(
                rows.getString(6), rows.getString(7), rows.getInt(8), roleOf(rows, node, epoch)));
      }
    }
    if (members.isEmpty()) {
      return Optional.empty(); // an epoch without members cannot be written by publish
    }
    Topology topology;
    try {
      topology = new Topology(epoch, members, reason);
    } catch (IllegalArgumentException e) {
      throw corrupt(node, epoch, e.getMessage());
    }
    if (!topology.primary().name().equals(primaryNode)) {
      throw corrupt(
          node,
          epoch,
          "primary_node is '" + primaryNode + "' but the primary member is " + topology.primary());
    }
    return Optional.of(new PublishedTopology(topology, writtenAt, writtenBy));
  }

  static void insert(
      Connection connection, Topology topology, LocalDateTime writtenAt, String writtenBy)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_TOPOLOGY)) {
      insert.setLong(1, topology.epoch());
      insert.setString(2, topology.primary().name());
      insert.setObject(3, writtenAt);
      insert.setString(4, writtenBy);
      insert.setString(5, topology.reason());
      insert.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MEMBER)) {
      for (Member member : topology.members()) {
        insert.setLong(1, topology.epoch());
        insert.setString(2, member.name());
        insert.setString(3, member.host());
        insert.setInt(4, member.port());
        insert.setString(5, member.role().sqlName());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Role roleOf(ResultSet rows, String node, long epoch) throws SQLException {
    try {
      return Role.ofSqlName(rows.getString(9));
    } catch (IllegalArgumentException e) {
      throw corrupt(node, epoch, e.getMessage());
    }
  }

  private static SQLDataException corrupt(String node, long epoch, String problem) {
    return new SQLDataException(
        node
            + " holds an invalid topology epoch "
            + epoch
            + " ("
            + problem
            + "); only the failover monitor may write understudy.topology: delete the epoch"
            + " there and let the monitor publish again");
  }
}
