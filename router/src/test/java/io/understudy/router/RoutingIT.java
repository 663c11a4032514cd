package io.understudy.router;

import static io.understudy.router.RouterFixture.execute;
import static io.understudy.router.RouterFixture.queryInt;
import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which node runs what, checked through @@server_id on a real three-node cluster. */
@ClusterTest(nodes = 3)
class RoutingIT {

  private static final int PRIMARY = 1;

  @Test
  void autocommitReadsAlternateBetweenReplicasEvenly(Cluster cluster, TestSchema schema)
      throws SQLException {
    Map<Integer, Integer> byServer = new HashMap<>();
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < 3_000; i++) {
        byServer.merge(serverId(connection), 1, Integer::sum);
      }
    }
    assertThat(byServer).containsOnlyKeys(2, 3);
    assertThat(byServer.get(2)).isBetween(1_440, 1_560);
    assertThat(byServer.get(3)).isBetween(1_440, 1_560);
  }

  @Test
  void weightsShareReadsAndWeightZeroDrainsAReplica(Cluster cluster, TestSchema schema)
      throws SQLException {
    RouterConfig weighted =
        RouterFixture.config(cluster, schema)
            .replicaUrls()
            .replica(cluster.node(1).jdbcUrl(schema.name()), 3)
            .replica(cluster.node(2).jdbcUrl(schema.name()), 1)
            .balancing(Balancing.WEIGHTED_ROUND_ROBIN)
            .build();
    assertThat(readsByServer(weighted, 400)).containsEntry(2, 300).containsEntry(3, 100);

    RouterConfig drained =
        RouterFixture.config(cluster, schema)
            .replicaUrls()
            .replica(cluster.node(1).jdbcUrl(schema.name()), 1)
            .replica(cluster.node(2).jdbcUrl(schema.name()), 0)
            .build();
    assertThat(readsByServer(drained, 20)).containsOnlyKeys(2);

    RouterConfig leastOutstanding =
        RouterFixture.config(cluster, schema).balancing(Balancing.LEAST_OUTSTANDING).build();
    assertThat(readsByServer(leastOutstanding, 100)).containsOnlyKeys(2, 3);
  }

  private static Map<Integer, Integer> readsByServer(RouterConfig config, int reads)
      throws SQLException {
    Map<Integer, Integer> byServer = new HashMap<>();
    try (ReplicatedDataSource dataSource = new ReplicatedDataSource(config);
        Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < reads; i++) {
        byServer.merge(serverId(connection), 1, Integer::sum);
      }
    }
    return byServer;
  }

  @Test
  void writesAndLockingReadsRunOnThePrimary(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      execute(
          connection, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 1)");
      assertThat(queryInt(connection, "SELECT @@server_id FROM t WHERE id = 1 FOR UPDATE"))
          .isEqualTo(PRIMARY);
      assertThat(queryInt(connection, "SELECT @@server_id FROM t LOCK IN SHARE MODE"))
          .isEqualTo(PRIMARY);
    }
    try (Connection direct = cluster.node(0).connect(cluster.users().app())) {
      assertThat(queryInt(direct, "SELECT v FROM " + schema.name() + ".t")).isEqualTo(1);
    }
  }

  @Test
  void transactionsRunOnThePrimaryFromFirstStatementToCommit(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      assertThat(serverId(connection)).isEqualTo(PRIMARY);
      assertThat(serverId(connection)).isEqualTo(PRIMARY);
      connection.commit();
      connection.setAutoCommit(true);
      assertThat(serverId(connection)).isNotEqualTo(PRIMARY);
    }
  }

  @Test
  void readOnlyTransactionsRunOnOneReplica(Cluster cluster, TestSchema schema) throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      for (int round = 0; round < 4; round++) {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        int first = serverId(connection);
        assertThat(first).isNotEqualTo(PRIMARY);
        assertThat(serverId(connection)).isEqualTo(first);
        assertThat(serverId(connection)).isEqualTo(first);
        connection.commit();
        connection.setAutoCommit(true);
        connection.setReadOnly(false);
      }
    }
  }

  @Test
  void startTransactionReadOnlyRunsOnOneReplicaUntilCommit(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      execute(connection, "START TRANSACTION READ ONLY");
      int first = serverId(connection);
      assertThat(first).isNotEqualTo(PRIMARY);
      assertThat(serverId(connection)).isEqualTo(first);
      execute(connection, "COMMIT");
      execute(connection, "START TRANSACTION");
      assertThat(serverId(connection)).isEqualTo(PRIMARY);
      execute(connection, "ROLLBACK");
      assertThat(serverId(connection)).isNotEqualTo(PRIMARY);
    }
  }

  @Test
  void readOnlyCannotChangeInsideATransaction(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      serverId(connection);
      assertThatThrownBy(() -> connection.setReadOnly(true))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("25001");
      connection.rollback();
      connection.setReadOnly(true);
      assertThat(connection.isReadOnly()).isTrue();
    }
  }

  @Test
  void sessionStateKeepsTheConnectionOnThePrimary(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      assertThat(serverId(connection)).isNotEqualTo(PRIMARY);
      execute(connection, "SET @greeting = 'hello'");
      for (int i = 0; i < 5; i++) {
        assertThat(serverId(connection)).isEqualTo(PRIMARY);
      }
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT @greeting")) {
        row.next();
        assertThat(row.getString(1)).isEqualTo("hello");
      }
    }
  }

  @Test
  void sessionStateNeverLeaksToTheNextConnection(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      try (Connection first = dataSource.getConnection()) {
        execute(first, "SET @leak = 'secret'");
        assertThat(queryInt(first, "SELECT GET_LOCK('understudy-it', 0)")).isEqualTo(1);
      }
      for (int i = 0; i < 15; i++) {
        try (Connection next = dataSource.getConnection();
            Statement statement = next.createStatement();
            ResultSet row =
                statement.executeQuery(
                    "/* understudy:primary */ SELECT @leak IS NULL, IS_FREE_LOCK('understudy-it')")) {
          row.next();
          assertThat(row.getBoolean(1)).as("user variable gone").isTrue();
          assertThat(row.getBoolean(2)).as("named lock released").isTrue();
        }
      }
    }
  }

  @Test
  void hintsAndScopesForceThePrimary(Cluster cluster, TestSchema schema) throws Exception {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      assertThat(queryInt(connection, "/* understudy:primary */ SELECT @@server_id"))
          .isEqualTo(PRIMARY);
      assertThat(Routing.primary(() -> serverId(connection))).isEqualTo(PRIMARY);
      try (Routing.Scope scope = Routing.primaryScope()) {
        assertThat(serverId(connection)).isEqualTo(PRIMARY);
      }
      assertThat(serverId(connection)).isNotEqualTo(PRIMARY);
    }
  }

  @Test
  void preparedStatementsRouteByTheirSqlAndKeepParameters(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      execute(connection, "CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name TEXT)");
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO item (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, "first");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = insert.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          assertThat(keys.getLong(1)).isEqualTo(1);
        }
        insert.setString(1, "second");
        insert.addBatch();
        insert.setString(1, "third");
        insert.addBatch();
        assertThat(insert.executeBatch()).hasSize(2);
      }
      try (PreparedStatement read = connection.prepareStatement("SELECT @@server_id, ? + 1")) {
        for (int i = 0; i < 4; i++) {
          read.setInt(1, i);
          try (ResultSet row = read.executeQuery()) {
            row.next();
            assertThat(row.getInt(1)).isNotEqualTo(PRIMARY);
            assertThat(row.getInt(2)).isEqualTo(i + 1);
          }
        }
      }
    }
    try (Connection direct = cluster.node(0).connect(cluster.users().app())) {
      assertThat(queryInt(direct, "SELECT COUNT(*) FROM " + schema.name() + ".item")).isEqualTo(3);
    }
  }

  @Test
  void closingReturnsEveryPhysicalConnection(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      for (int i = 0; i < 20; i++) {
        try (Connection connection = dataSource.getConnection()) {
          serverId(connection);
          Statement unclosed = connection.createStatement();
          unclosed.executeQuery("SELECT 1");
          connection.setAutoCommit(false);
          serverId(connection);
          execute(connection, "SET @pinned = 1");
        }
      }
      assertThat(dataSource.stats().nodes())
          .allSatisfy(node -> assertThat(node.activeConnections()).isZero());
    }
  }
}
