package io.understudy.router;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plays the replicator for router tests, which cannot run it: writes {@code
 * understudy.applied_position} on a replica by hand, node-local and outside the binary log. The DDL
 * is the replicator's migration {@code V1__applied_position.sql}.
 */
final class AppliedPositionTable {

  private static final String DDL =
      "CREATE TABLE understudy.applied_position ("
          + " stream VARCHAR(64) NOT NULL PRIMARY KEY,"
          + " gtid VARCHAR(64) NOT NULL,"
          + " binlog_file VARCHAR(255) NULL,"
          + " binlog_position BIGINT NULL,"
          + " source_commit_time DATETIME(6) NULL,"
          + " applied_at DATETIME(6) NOT NULL"
          + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4";

  private final Cluster cluster;

  AppliedPositionTable(Cluster cluster) {
    this.cluster = cluster;
  }

  /** An empty table on every node but the primary (node 0), replacing any a previous test left. */
  void createOnReplicas() throws SQLException {
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      try (Connection connection = admin(node);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS understudy");
        statement.execute("DROP TABLE IF EXISTS understudy.applied_position");
        statement.execute(DDL);
      }
    }
  }

  /** {@code node} has applied the source transaction {@code gtid}, as the replicator records it. */
  void applied(ClusterNode node, String gtid) throws SQLException {
    try (Connection connection = admin(node);
        PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO understudy.applied_position (stream, gtid, applied_at)"
                    + " VALUES (?, ?, UTC_TIMESTAMP(6))"
                    + " ON DUPLICATE KEY UPDATE gtid = VALUES(gtid), applied_at = VALUES(applied_at)")) {
      upsert.setString(1, gtid.substring(0, gtid.indexOf('-')));
      upsert.setString(2, gtid);
      upsert.executeUpdate();
    }
  }

  /** The primary's newest GTID ({@code @@gtid_binlog_pos}, one domain in the testkit). */
  String primaryPosition() throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      row.next();
      return row.getString(1);
    }
  }

  /** The GTID {@code steps} transactions before {@code gtid} in its domain. */
  static String before(String gtid, int steps) {
    int last = gtid.lastIndexOf('-');
    return gtid.substring(0, last + 1) + (Long.parseLong(gtid.substring(last + 1)) - steps);
  }

  private Connection admin(ClusterNode node) throws SQLException {
    Connection connection = node.connect(cluster.users().admin());
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
    }
    return connection;
  }
}
