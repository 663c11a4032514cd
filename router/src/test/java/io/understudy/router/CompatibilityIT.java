package io.understudy.router;

import static io.understudy.router.RouterFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The JDBC surface applications and frameworks use works through the logical connection. */
@ClusterTest(nodes = 3)
class CompatibilityIT {

  @Test
  void callableStatementsRunOnThePrimary(Cluster cluster, TestSchema schema) throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      execute(
          connection,
          "CREATE PROCEDURE where_am_i(OUT id INT) BEGIN SELECT @@server_id INTO id; END");
      try (CallableStatement call = connection.prepareCall("{CALL where_am_i(?)}")) {
        call.registerOutParameter(1, Types.INTEGER);
        call.execute();
        assertThat(call.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void metadataWrappersValidityAndTimeoutsWork(Cluster cluster, TestSchema schema)
      throws SQLException {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection()) {
      execute(connection, "CREATE TABLE meta (id INT PRIMARY KEY, name VARCHAR(20))");
      assertThat(connection.isValid(1)).isTrue();
      assertThat(connection.isWrapperFor(ReplicatedDataSource.class)).isFalse();
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);

      connection.setNetworkTimeout(executor, 5_000);
      assertThat(connection.getNetworkTimeout()).isEqualTo(5_000);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT @@tx_isolation, @@server_id")) {
        row.next();
        assertThat(row.getString(1)).isEqualTo("READ-COMMITTED");
        assertThat(row.getInt(2)).isNotEqualTo(1);
      }

      DatabaseMetaData metadata = connection.getMetaData();
      assertThat(metadata.getDatabaseProductVersion()).contains("MariaDB");
      try (ResultSet tables = metadata.getTables(schema.name(), null, "meta", null)) {
        assertThat(tables.next()).isTrue();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void statementSettingsAndResultsBelongToTheLastExecution(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(2);
      statement.setFetchSize(10);
      statement.setQueryTimeout(5);
      assertThat(statement.execute("SELECT 1 UNION SELECT 2 UNION SELECT 3")).isTrue();
      int rows = 0;
      try (ResultSet result = statement.getResultSet()) {
        while (result.next()) {
          rows++;
        }
      }
      assertThat(rows).isEqualTo(2);
      assertThat(statement.getConnection()).isSameAs(connection);
      assertThat(statement.executeUpdate("CREATE TABLE s (id INT)")).isZero();
      assertThat(statement.getUpdateCount()).isZero();
      statement.addBatch("INSERT INTO s VALUES (1)");
      statement.addBatch("INSERT INTO s VALUES (2)");
      assertThat(statement.executeBatch()).containsExactly(1, 1);
    }
  }

  @Test
  void abortReleasesEverything(Cluster cluster, TestSchema schema) throws SQLException {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
        statement.setInt(1, 7);
        statement.executeQuery();
      }
      connection.abort(executor);
      assertThat(connection.isClosed()).isTrue();
      org.awaitility.Awaitility.await()
          .until(
              () ->
                  dataSource.stats().nodes().stream()
                      .allMatch(node -> node.activeConnections() == 0));
    } finally {
      executor.shutdownNow();
    }
  }
}
