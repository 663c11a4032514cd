package io.understudy.router;

import static io.understudy.router.AppliedPositionTable.before;
import static io.understudy.router.RouterFixture.execute;
import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write concern and read-your-writes against real servers. The router tests cannot run the
 * replicator, so each test plays it by writing the replicas' {@code understudy.applied_position}
 * rows by hand; where a statement ran is checked with {@code @@server_id}.
 */
@ClusterTest(nodes = 3)
class CausalRoutingIT {

  private static final Duration LONG = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private AppliedPositionTable positions;
  private ClusterNode replica1;
  private ClusterNode replica2;

  @BeforeEach
  void createTables(Cluster cluster, TestSchema schema) throws SQLException {
    positions = new AppliedPositionTable(cluster);
    positions.createOnReplicas();
    replica1 = cluster.node(1);
    replica2 = cluster.node(2);
    // Only on the primary: the test plays replication through positions alone.
    try (Connection primary = cluster.node(0).connect(cluster.users().app())) {
      execute(primary, "CREATE TABLE " + schema.name() + ".note (id INT PRIMARY KEY)");
    }
  }

  @Test
  void replicatedCommit_returnsOnlyOnceAReplicaAppliedItsGtid(Cluster cluster, TestSchema schema)
      throws Exception {
    try (ReplicatedDataSource dataSource =
            dataSource(cluster, schema)
                .writeConcern(WriteConcern.REPLICATED)
                .replicationTimeout(LONG)
                .buildDataSource();
        Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "INSERT INTO note VALUES (1)");
      CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> commit(connection));

      await().atMost(LONG).until(() -> rowsOnPrimary(cluster, schema) == 1);
      String gtid = positions.primaryPosition();
      positions.applied(replica1, before(gtid, 1));
      await().during(Duration.ofMillis(500)).atMost(LONG).until(() -> !commit.isDone());

      positions.applied(replica2, gtid);
      commit.get();
      assertThat(connection.unwrap(ReplicatedConnection.class).consistencyToken())
          .hasToString(gtid);
    }
  }

  @Test
  void replicatedWrite_nobodyApplies_failsWithUR001_andStaysCommittedOnThePrimary(
      Cluster cluster, TestSchema schema) throws Exception {
    try (ReplicatedDataSource dataSource =
            dataSource(cluster, schema)
                .writeConcern(WriteConcern.REPLICATED)
                .replicationTimeout(Duration.ofMillis(300))
                .buildDataSource();
        Connection connection = dataSource.getConnection()) {
      positions.applied(replica1, positions.primaryPosition());

      ReplicationTimeoutException timeout = null;
      try {
        execute(connection, "INSERT INTO note VALUES (1)");
      } catch (ReplicationTimeoutException e) {
        timeout = e;
      }

      assertThat((Throwable) timeout).as("the write's ReplicationTimeoutException").isNotNull();
      assertThat(timeout.getSQLState()).isEqualTo("UR001");
      assertThat(timeout.consistencyToken()).hasToString(positions.primaryPosition());
      assertThat(timeout.getMessage())
          .contains("committed on the primary", "Do not retry", replica1Name());
      assertThat(rowsOnPrimary(cluster, schema)).isEqualTo(1);

      // A transaction that only read has nothing to wait for, however late the replicas are.
      connection.setAutoCommit(false);
      serverId(connection);
      connection.commit();
    }
  }

  @Test
  void readYourWrites_readsOnThePrimaryUntilAReplicaCoversTheWrite_thenOnThatReplica(
      Cluster cluster, TestSchema schema) throws Exception {
    try (ReplicatedDataSource dataSource =
        dataSource(cluster, schema)
            .consistency(Consistency.READ_YOUR_WRITES)
            .causalReadTimeout(Duration.ofMillis(100))
            .buildDataSource()) {
      try (Connection connection = dataSource.getConnection()) {
        assertThat(servers(connection, 4)).containsOnly(replica1.serverId(), replica2.serverId());

        execute(connection, "INSERT INTO note VALUES (1)");
        String gtid = positions.primaryPosition();
        positions.applied(replica1, before(gtid, 1));
        assertThat(servers(connection, 4)).containsOnly(cluster.node(0).serverId());

        positions.applied(replica2, gtid);
        assertThat(servers(connection, 6)).containsOnly(replica2.serverId());
      }
      // The guarantee belongs to the connection that wrote: another one reads anywhere.
      try (Connection other = dataSource.getConnection()) {
        assertThat(servers(other, 4)).containsOnly(replica1.serverId(), replica2.serverId());
      }
    }
  }

  @Test
  void readYourWrites_coversEveryWayATransactionCommits(Cluster cluster, TestSchema schema)
      throws Exception {
    int primary = cluster.node(0).serverId();
    try (ReplicatedDataSource dataSource =
            dataSource(cluster, schema)
                .consistency(Consistency.READ_YOUR_WRITES)
                .causalReadTimeout(Duration.ZERO)
                .buildDataSource();
        Connection connection = dataSource.getConnection()) {
      // SQL transaction control: the statement COMMIT ends the session.
      execute(connection, "BEGIN", "INSERT INTO note VALUES (1)", "COMMIT");
      String first = positions.primaryPosition();
      positions.applied(replica1, before(first, 1));
      assertThat(servers(connection, 2)).containsOnly(primary);
      positions.applied(replica1, first);
      await().atMost(LONG).until(() -> servers(connection, 2).equals(Set.of(replica1.serverId())));

      // A JDBC transaction that setAutoCommit(true) commits.
      connection.setAutoCommit(false);
      execute(connection, "INSERT INTO note VALUES (2)");
      connection.setAutoCommit(true);
      assertThat(servers(connection, 2)).containsOnly(primary);

      // Autocommit writes on a connection pinned to the primary by session state.
      positions.applied(replica1, positions.primaryPosition());
      await().atMost(LONG).until(() -> servers(connection, 2).equals(Set.of(replica1.serverId())));
      execute(connection, "SET @pinned = 1", "INSERT INTO note VALUES (3)");
      String last = positions.primaryPosition();
      positions.applied(replica2, last);
      try (Connection other = dataSource.getConnection()) {
        other
            .unwrap(ReplicatedConnection.class)
            .readAfter(connection.unwrap(ReplicatedConnection.class).consistencyToken());
        await().atMost(LONG).until(() -> servers(other, 2).equals(Set.of(replica2.serverId())));
      }
      assertThat(connection.unwrap(ReplicatedConnection.class).consistencyToken())
          .hasToString(last);
    }
  }

  @Test
  void readYourWrites_waitsForAReplicaWithinCausalReadTimeout(Cluster cluster, TestSchema schema)
      throws Exception {
    try (ReplicatedDataSource dataSource =
            dataSource(cluster, schema)
                .consistency(Consistency.READ_YOUR_WRITES)
                .causalReadTimeout(LONG)
                .buildDataSource();
        Connection connection = dataSource.getConnection()) {
      execute(connection, "INSERT INTO note VALUES (1)");
      String gtid = positions.primaryPosition();
      CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> serverIdOf(connection));
      await().during(Duration.ofMillis(500)).atMost(LONG).until(() -> !read.isDone());

      positions.applied(replica1, gtid);

      assertThat(read.get()).isEqualTo(replica1.serverId());
    }
  }

  @Test
  void aTokenCarriedToAnotherDataSource_holdsItsReadsBackUntilAReplicaCoversIt(
      Cluster cluster, TestSchema schema) throws Exception {
    String writerName = "token-writer-" + NAMES.incrementAndGet();
    ConsistencyToken token;
    try (ReplicatedDataSource writer =
            dataSource(cluster, schema).name(writerName).buildDataSource();
        Connection connection = writer.getConnection()) {
      execute(connection, "INSERT INTO note VALUES (1)");
      // Async and eventual: the router did not read the GTID, so the token asks the primary.
      token = connection.unwrap(ReplicatedConnection.class).consistencyToken();
      assertThat(threads("understudy-positions-" + writerName)).isZero();
    }
    assertThat(token).hasToString(positions.primaryPosition());
    String header = token.toString();

    try (ReplicatedDataSource reader =
            dataSource(cluster, schema).causalReadTimeout(Duration.ZERO).buildDataSource();
        Connection connection = reader.getConnection();
        Connection untouched = reader.getConnection()) {
      connection.unwrap(ReplicatedConnection.class).readAfter(ConsistencyToken.parse(header));
      assertThat(servers(connection, 4)).containsOnly(cluster.node(0).serverId());
      assertThat(servers(untouched, 4)).containsOnly(replica1.serverId(), replica2.serverId());

      positions.applied(replica2, header);
      await().atMost(LONG).until(() -> servers(connection, 4).equals(Set.of(replica2.serverId())));
    }
  }

  private static RouterConfig.Builder dataSource(Cluster cluster, TestSchema schema) {
    return RouterFixture.config(cluster, schema).name("causal-" + NAMES.incrementAndGet());
  }

  private String replica1Name() {
    return replica1.host() + ":" + replica1.port();
  }

  private static void commit(Connection connection) {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int serverIdOf(Connection connection) {
    try {
      return serverId(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<Integer> servers(Connection connection, int reads) throws SQLException {
    Set<Integer> servers = new HashSet<>();
    for (int i = 0; i < reads; i++) {
      servers.add(serverId(connection));
    }
    return servers;
  }

  private static int rowsOnPrimary(Cluster cluster, TestSchema schema) throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + schema.name() + ".note")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static long threads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .count();
  }
}
