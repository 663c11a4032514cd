package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes on the primary reach every replica, in order, exactly once, across restarts. */
@ClusterTest(nodes = 3)
class ReplicatorIT {

  @Test
  @FreshCluster
  void transactionsOnThePrimaryReachEveryReplicaExactlyOnceAcrossRestarts(
      Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".account";
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(
          cluster,
          "CREATE TABLE "
              + table
              + " (id INT PRIMARY KEY, owner VARCHAR(50), balance DECIMAL(12,2))",
          "INSERT INTO " + table + " VALUES (1, 'ada', 100.00), (2, 'grace', 50.00)");
      transfer(cluster, table, 1, 2, "10.00");
      E2e.write(cluster, "DELETE FROM " + table + " WHERE id = 2");
      awaitIdentical(cluster, table);
    }

    // Writes while no replicator runs are picked up from the replicas' stored positions.
    E2e.write(cluster, "INSERT INTO " + table + " VALUES (3, 'edsger', 7.00)");
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      for (int i = 0; i < 20; i++) {
        transfer(cluster, table, 1, 3, "1.00");
      }
      awaitIdentical(cluster, table);
      assertThat(rows(cluster.node(1), cluster, table))
          .containsExactly("1 ada 70.00", "3 edsger 27.00");
      assertThat(replicator.appliers()).allMatch(a -> a.state() == ApplierState.RUNNING);
    }
  }

  @Test
  @FreshCluster
  void aDivergedReplicaStopsAloneAndTheOthersKeepReplicating(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".item";
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
      E2e.write(cluster, "INSERT INTO " + table + " VALUES (1, 1), (2, 2)");
      awaitIdentical(cluster, table);

      // Someone deletes a row on replica node-1 behind the replicator's back.
      try (Connection admin = cluster.node(1).connect(cluster.users().admin());
          Statement statement = admin.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
        statement.execute("DELETE FROM " + table + " WHERE id = 2");
      }
      E2e.write(cluster, "UPDATE " + table + " SET v = 20 WHERE id = 2");
      ReplicaApplier diverged = replicator.appliers().get(0);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> diverged.state() == ApplierState.STOPPED_DIVERGED);
      assertThat(diverged.lastError()).hasMessageContaining("item").hasMessageContaining("2");

      for (int i = 3; i < 10; i++) {
        E2e.write(cluster, "INSERT INTO " + table + " VALUES (" + i + ", " + i + ")");
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(rows(cluster.node(2), cluster, table))
                      .isEqualTo(rows(cluster.node(0), cluster, table)));
      assertThat(replicator.capture().state()).isEqualTo(BinlogCapture.State.RUNNING);
    }
  }

  private static void transfer(Cluster cluster, String table, int from, int to, String amount)
      throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate(
          "UPDATE " + table + " SET balance = balance - " + amount + " WHERE id = " + from);
      statement.executeUpdate(
          "UPDATE " + table + " SET balance = balance + " + amount + " WHERE id = " + to);
      connection.commit();
    }
  }

  private static void awaitIdentical(Cluster cluster, String table) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<String> primary = rows(cluster.node(0), cluster, table);
              for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
                assertThat(rows(replica, cluster, table)).as(replica.name()).isEqualTo(primary);
              }
            });
  }

  private static List<String> rows(ClusterNode node, Cluster cluster, String table)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
