package io.understudy.router;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes the topology tables by hand, as the failover monitor will: node-local, outside the binary
 * log, one epoch per transaction. The DDL is the contract of {@code docs/routing.md} ("Discovery");
 * in production the replicator's migrations create the tables.
 */
final class TopologyTables {

  private static final String TOPOLOGY =
      "CREATE TABLE understudy.topology ("
          + " epoch BIGINT UNSIGNED NOT NULL PRIMARY KEY,"
          + " primary_node VARCHAR(64) NOT NULL,"
          + " written_at DATETIME(6) NOT NULL,"
          + " written_by VARCHAR(255) NOT NULL,"
          + " reason VARCHAR(1024) NOT NULL"
          + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4";
  private static final String MEMBERS =
      "CREATE TABLE understudy.topology_member ("
          + " epoch BIGINT UNSIGNED NOT NULL,"
          + " node VARCHAR(64) NOT NULL,"
          + " host VARCHAR(255) NOT NULL,"
          + " port INT NOT NULL,"
          + " role ENUM('primary', 'replica', 'fenced') NOT NULL,"
          + " PRIMARY KEY (epoch, node)"
          + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4";

  /** One member of an epoch. */
  record Member(ClusterNode node, String role) {}

  private final Cluster cluster;

  TopologyTables(Cluster cluster) {
    this.cluster = cluster;
  }

  static Member primary(ClusterNode node) {
    return new Member(node, "primary");
  }

  static Member replica(ClusterNode node) {
    return new Member(node, "replica");
  }

  static Member fenced(ClusterNode node) {
    return new Member(node, "fenced");
  }

  /** Empty topology tables on {@code node}, replacing any a previous test left. */
  void create(ClusterNode node) throws SQLException {
    drop(node);
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute("CREATE DATABASE IF NOT EXISTS understudy");
      statement.execute(TOPOLOGY);
      statement.execute(MEMBERS);
    }
  }

  void createEverywhere() throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      create(node);
    }
  }

  /** No topology tables on {@code node}, as before the replicator first ran there. */
  void drop(ClusterNode node) throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute("DROP TABLE IF EXISTS understudy.topology_member, understudy.topology");
    }
  }

  /** Writes epoch {@code epoch} on {@code on} only, in one transaction. */
  void publish(ClusterNode on, long epoch, List<Member> members) throws SQLException {
    String primary =
        members.stream()
            .filter(m -> m.role().equals("primary"))
            .findFirst()
            .orElseThrow()
            .node()
            .name();
    try (Connection connection = on.connect(cluster.users().admin())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement topology =
          connection.prepareStatement(
              "INSERT INTO understudy.topology VALUES (?, ?, UTC_TIMESTAMP(6), 'test', 'test')")) {
        topology.setLong(1, epoch);
        topology.setString(2, primary);
        topology.executeUpdate();
      }
      try (PreparedStatement member =
          connection.prepareStatement(
              "INSERT INTO understudy.topology_member VALUES (?, ?, ?, ?, ?)")) {
        for (Member m : members) {
          member.setLong(1, epoch);
          member.setString(2, m.node().name());
          member.setString(3, m.node().host());
          member.setInt(4, m.node().port());
          member.setString(5, m.role());
          member.executeUpdate();
        }
      }
      connection.commit();
    }
  }

  /** Writes epoch {@code epoch} on each of {@code on}. */
  void publish(List<ClusterNode> on, long epoch, List<Member> members) throws SQLException {
    for (ClusterNode node : on) {
      publish(node, epoch, members);
    }
  }

  /** {@code host:port} of {@code node}, as a discovery seed. */
  static String seed(ClusterNode node) {
    return node.host() + ":" + node.port();
  }
}
