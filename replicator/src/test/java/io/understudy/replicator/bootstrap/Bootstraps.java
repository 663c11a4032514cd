package io.understudy.replicator.bootstrap;

import io.understudy.replicator.E2e;
import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.apply.StoredPositions;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the bootstrap tests share: a copier from node 0 (primary) to node 1 (the new replica) with
 * the replicator's default filter (everything), and reading either node as the admin.
 */
final class Bootstraps {

  private Bootstraps() {}

  static SnapshotCopier copier(Cluster cluster) {
    Credentials replicator = cluster.users().replicator();
    return new SnapshotCopier(
        cluster.node(0).jdbcUrl(),
        cluster.node(1).jdbcUrl(),
        replicator.user(),
        replicator.password(),
        ReplicationFilter.all());
  }

  /** Runs statements on the replica only, outside its binlog, as an operator would. */
  static void onReplicaOnly(Cluster cluster, String... statements) throws SQLException {
    List<String> all = new ArrayList<>(List.of("SET SESSION sql_log_bin = 0"));
    all.addAll(List.of(statements));
    E2e.run(cluster.node(1), cluster.users().admin(), all.toArray(String[]::new));
  }

  static Map<String, SourcePosition> storedPositions(Cluster cluster) throws SQLException {
    Credentials replicator = cluster.users().replicator();
    return StoredPositions.read(
        cluster.node(1).jdbcUrl(), replicator.user(), replicator.password());
  }

  static List<Long> ids(ClusterNode node, Cluster cluster, String table) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (result.next()) {
        ids.add(result.getLong(1));
      }
    }
    return ids;
  }

  static List<String> replicaRows(Cluster cluster, String sql) throws SQLException {
    return query(cluster, cluster.node(1), sql);
  }

  /** Each row's columns joined by a space, as the admin sees them. */
  static List<String> query(Cluster cluster, ClusterNode node, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(result.getString(i)));
        }
        rows.add(String.join(" ", row));
      }
    }
    return rows;
  }
}
