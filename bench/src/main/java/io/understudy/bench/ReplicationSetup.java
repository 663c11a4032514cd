package io.understudy.bench;

import io.understudy.replicator.ReplicatorConfig;
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

/**
 * The tables both sides write, and the two ways of replicating them between the same kind of nodes:
 * Understudy's {@link io.understudy.replicator.Replicator} and MariaDB's own replication ({@code
 * CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos}). Node 0 is the primary.
 */
final class ReplicationSetup {

  static final String SCHEMA = "app_bench";
  static final long REPLICATOR_SERVER_ID = 5401;
  static final long CAPTURE_ONLY_SERVER_ID = 5402;
  private static final int QUEUE_CAPACITY = Integer.getInteger("queueCapacity", 1_000);

  private ReplicationSetup() {}

  /**
   * Creates {@code tables} (each {@code id BIGINT PRIMARY KEY, v VARCHAR(64)}) on every node,
   * outside the binary log, before any replication starts: both sides then begin from identical
   * nodes, and the capture's schema snapshot already knows the tables.
   */
  static void createTables(Cluster cluster, String... tables) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      try (Connection connection = node.connect(cluster.users().admin());
          Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
        statement.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
        for (String table : tables) {
          statement.execute(
              "CREATE TABLE "
                  + SCHEMA
                  + "."
                  + table
                  + " (id BIGINT PRIMARY KEY, v VARCHAR(64) NOT NULL)");
        }
      }
    }
  }

  static List<ClusterNode> replicas(Cluster cluster) {
    return cluster.nodes().subList(1, cluster.size());
  }

  /** Understudy replicating node 0 to every other node, with the settings the tests use. */
  static ReplicatorConfig replicatorConfig(Cluster cluster) {
    List<ReplicatorConfig.Endpoint> replicas = new ArrayList<>();
    for (ClusterNode node : replicas(cluster)) {
      replicas.add(endpoint(node));
    }
    Credentials user = cluster.users().replicator();
    return new ReplicatorConfig(
        endpoint(cluster.node(0)),
        replicas,
        user.user(),
        user.password(),
        REPLICATOR_SERVER_ID,
        QUEUE_CAPACITY);
  }

  private static ReplicatorConfig.Endpoint endpoint(ClusterNode node) {
    return new ReplicatorConfig.Endpoint(node.name(), node.host(), node.port());
  }

  /** The lowest position any replica has stored: where the next replicator will resume. */
  static SourcePosition lowestStoredPosition(Cluster cluster) throws SQLException {
    Credentials user = cluster.users().replicator();
    SourcePosition lowest = null;
    for (ClusterNode replica : replicas(cluster)) {
      SourcePosition stored =
          StoredPositions.read(replica.jdbcUrl(), user.user(), user.password()).get("0");
      if (stored == null) {
        throw new IllegalStateException(replica.name() + " has no stored position");
      }
      if (lowest == null || lowest.isAfter(stored)) {
        lowest = stored;
      }
    }
    return lowest;
  }

  /** The highest id of {@code table} on the node {@code statement} runs on; 0 when empty. */
  static long maxId(Statement statement, String table) throws SQLException {
    try (ResultSet max = statement.executeQuery("SELECT MAX(id) FROM " + SCHEMA + "." + table)) {
      max.next();
      return max.getLong(1);
    }
  }
}
