package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.router.Consistency;
import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterConfig;
import io.understudy.router.WriteConcern;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's write concern and read-your-writes on a real replicator: the applied positions it
 * waits on are the ones the appliers write with the rows.
 */
@ClusterTest(nodes = 3)
class WriteConcernIT {

  private static final Logger log = LoggerFactory.getLogger(WriteConcernIT.class);
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @Test
  @FreshCluster
  void aReplicatedWrite_isOnAReplicaWhenItsCommitReturns(Cluster cluster, TestSchema schema)
      throws Exception {
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start();
        ReplicatedDataSource dataSource =
            router(cluster, schema).writeConcern(WriteConcern.REPLICATED).buildDataSource();
        Connection connection = dataSource.getConnection()) {
      E2e.awaitStreaming(replicator);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(50))");
      }
      List<Connection> replicas = replicaConnections(cluster, schema);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO note VALUES (?, ?)")) {
        for (int id = 1; id <= 100; id++) {
          boolean inTransaction = id % 4 == 0;
          connection.setAutoCommit(!inTransaction);
          insert.setInt(1, id);
          insert.setString(2, inTransaction ? "in a transaction" : "autocommit");
          insert.executeUpdate();
          if (inTransaction) {
            connection.commit();
          }
          assertThat(replicasHolding(replicas, id)).as("replicas holding note %d", id).isPositive();
        }
      } finally {
        for (Connection replica : replicas) {
          replica.close();
        }
      }
    }
  }

  @Test
  @FreshCluster
  void readYourWrites_everyReadSeesTheConnectionsOwnLastWrite(Cluster cluster, TestSchema schema)
      throws Exception {
    int onReplicas = 0;
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start();
        ReplicatedDataSource dataSource =
            router(cluster, schema)
                .consistency(Consistency.READ_YOUR_WRITES)
                .causalReadTimeout(Duration.ofSeconds(5))
                .buildDataSource();
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      E2e.awaitStreaming(replicator);
      statement.execute("CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL)");
      statement.execute("INSERT INTO counter VALUES (1, 0)");
      for (int i = 1; i <= 500; i++) {
        boolean inTransaction = i % 5 == 0;
        connection.setAutoCommit(!inTransaction);
        statement.executeUpdate("UPDATE counter SET v = " + i + " WHERE id = 1");
        if (inTransaction) {
          connection.commit();
          connection.setAutoCommit(true);
        }
        try (ResultSet row = statement.executeQuery("SELECT v, @@server_id FROM counter")) {
          assertThat(row.next()).isTrue();
          assertThat(row.getInt(1)).as("read %d, on server %d", i, row.getInt(2)).isEqualTo(i);
          onReplicas += row.getInt(2) == cluster.node(0).serverId() ? 0 : 1;
        }
      }
    }
    log.info(
        "read-your-writes: {} of 500 reads ran on replicas, the rest on the primary", onReplicas);
    // Reads that all went to the primary would pass trivially; these must have used replicas.
    assertThat(onReplicas).isPositive();
  }

  private static RouterConfig.Builder router(Cluster cluster, TestSchema schema) {
    return ReplicatedDataSource.builder()
        .primaryUrl(cluster.node(0).jdbcUrl(schema.name()))
        .replicaUrls(cluster.node(1).jdbcUrl(schema.name()), cluster.node(2).jdbcUrl(schema.name()))
        .username(cluster.users().app().user())
        .password(cluster.users().app().password())
        .healthCheckInterval(Duration.ofMillis(200))
        .replicationTimeout(GENEROUS);
  }

  private static List<Connection> replicaConnections(Cluster cluster, TestSchema schema)
      throws SQLException {
    List<Connection> connections = new ArrayList<>();
    for (ClusterNode node : cluster.nodes().subList(1, cluster.size())) {
      Connection connection = node.connect(cluster.users().app());
      connection.setCatalog(schema.name());
      connections.add(connection);
    }
    return connections;
  }

  private static int replicasHolding(List<Connection> replicas, int id) throws SQLException {
    int holding = 0;
    for (Connection replica : replicas) {
      try (PreparedStatement select =
          replica.prepareStatement("SELECT COUNT(*) FROM note WHERE id = ?")) {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          holding += row.getInt(1);
        }
      }
    }
    return holding;
  }
}
