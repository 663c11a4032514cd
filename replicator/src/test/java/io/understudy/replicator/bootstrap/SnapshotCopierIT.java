package io.understudy.replicator.bootstrap;

import static io.understudy.replicator.bootstrap.Bootstraps.copier;
import static io.understudy.replicator.bootstrap.Bootstraps.ids;
import static io.understudy.replicator.bootstrap.Bootstraps.onReplicaOnly;
import static io.understudy.replicator.bootstrap.Bootstraps.query;
import static io.understudy.replicator.bootstrap.Bootstraps.replicaRows;
import static io.understudy.replicator.bootstrap.Bootstraps.storedPositions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.E2e;
import io.understudy.replicator.TypeMatrix;
import io.understudy.replicator.TypeMatrix.Group;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.schema.UnderstudySchema;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Node 0 is the primary, node 1 the replica being bootstrapped (read_only; the replicator's user
 * writes there anyway). Each test gets clean nodes: a copy leaves the replica bootstrapped.
 */
@ClusterTest(nodes = 2)
class SnapshotCopierIT {

  @Test
  @FreshCluster
  void everyTypeOfTheMatrixIsCopiedExactly(Cluster cluster, TestSchema schema) throws Exception {
    // Non-UTC servers: a TIMESTAMP must keep its instant whatever the sessions' zone is.
    for (ClusterNode node : cluster.nodes()) {
      E2e.run(node, cluster.users().admin(), "SET GLOBAL time_zone = '+05:30'");
    }
    List<Group> groups = new ArrayList<>(TypeMatrix.ALL_GROUPS);
    groups.add(TypeMatrix.SIGNED_ZEROS);
    groups.add(BEYOND_THE_MATRIX);
    writeGroups(cluster, schema, "SET time_zone = '+00:00', sql_mode = ''", groups);
    writeGroups(cluster, schema, "DO 0", List.of(TypeMatrix.TIMESTAMPS_IN_INDIA));
    groups.add(TypeMatrix.TIMESTAMPS_IN_INDIA);

    SnapshotResult result = copier(cluster).copy();

    for (Group group : groups) {
      E2e.assertIdentical(cluster, schema.name() + "." + group.table());
    }
    assertThat(result.tables()).isEqualTo(groups.size() + 1); // and the heartbeat
  }

  @Test
  @FreshCluster
  void rowsCommittedUpToThePositionAreCopiedAndNoneAfter(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".events";
    E2e.write(cluster, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(100))");
    Set<Long> expected = new TreeSet<>();
    for (int chunk = 0; chunk < 50; chunk++) {
      StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
      for (int i = 1; i <= 1_000; i++) {
        long id = chunk * 1_000L + i;
        insert.append(i == 1 ? "" : ", ").append("(").append(id).append(", 'row ").append(id);
        insert.append("')");
        expected.add(id);
      }
      E2e.write(cluster, insert.toString());
    }

    ConcurrentLinkedQueue<long[]> written = new ConcurrentLinkedQueue<>(); // {id, GTID sequence}
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> writeOneRowPerTransaction(cluster, table, written, stop));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> written.size() >= 200 || writer.isDone());
      SnapshotResult result = copier(cluster).copy();
      int afterCopy = written.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> written.size() >= afterCopy + 50);
      stop.set(true);
      writer.join();

      long last = result.position().sequence();
      long includedByWriter = 0;
      for (long[] row : written) {
        if (row[1] <= last) {
          expected.add(row[0]);
          includedByWriter++;
        }
      }
      assertThat(includedByWriter).as("writer rows inside the snapshot").isPositive();
      assertThat(written.size() - includedByWriter).as("writer rows after it").isPositive();
      assertThat(ids(cluster.node(1), cluster, table)).containsExactlyElementsOf(expected);
      assertThat(result.rows()).isGreaterThanOrEqualTo(expected.size());
    } finally {
      stop.set(true);
    }
  }

  @Test
  @FreshCluster
  void aReplicaWhoseTablesHoldRowsIsRefusedNamingThem(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".kept";
    E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY)");
    E2e.write(cluster, "INSERT INTO " + table + " VALUES (1), (2)");
    onReplicaOnly(
        cluster,
        "CREATE TABLE " + table + " (id INT PRIMARY KEY)",
        "INSERT INTO " + table + " VALUES (7)");

    assertThatThrownBy(() -> copier(cluster).copy())
        .isInstanceOf(SnapshotRefusedException.class)
        .hasMessageContaining(table)
        .hasMessageContaining("empty or drop");

    assertThat(ids(cluster.node(1), cluster, table)).containsExactly(7L);
    assertThat(replicaRows(cluster, "SELECT * FROM understudy.bootstrap_in_progress")).isEmpty();
    assertThat(storedPositions(cluster)).isEmpty();
  }

  @Test
  @FreshCluster
  void tablesOutsideTheConsistentSnapshotAreRefusedBeforeAnythingIsWritten(
      Cluster cluster, TestSchema schema) throws Exception {
    E2e.write(
        cluster,
        "CREATE TABLE " + schema.name() + ".ok (id INT PRIMARY KEY)",
        "CREATE TABLE " + schema.name() + ".log (id INT PRIMARY KEY) ENGINE = MyISAM",
        "CREATE TABLE " + schema.name() + ".versioned (id INT PRIMARY KEY) WITH SYSTEM VERSIONING");

    assertThatThrownBy(() -> copier(cluster).copy())
        .isInstanceOf(SnapshotRefusedException.class)
        .hasMessageContaining(schema.name() + ".log (ENGINE=MyISAM)")
        .hasMessageContaining(schema.name() + ".versioned (SYSTEM VERSIONED)")
        .message()
        .doesNotContain(schema.name() + ".ok");
    assertThat(replicaRows(cluster, "SHOW TABLES FROM " + schema.name())).isEmpty();
    assertThat(replicaRows(cluster, "SELECT * FROM understudy.bootstrap_in_progress")).isEmpty();
  }

  @Test
  @FreshCluster
  void anInterruptedCopyIsRedoneOverTheRowsItLeft(Cluster cluster, TestSchema schema)
      throws Exception {
    String a = schema.name() + ".a";
    String b = schema.name() + ".b";
    E2e.write(
        cluster,
        "CREATE TABLE " + a + " (id INT PRIMARY KEY)",
        "INSERT INTO " + a + " VALUES " + String.join(", ", numbers(500)),
        "CREATE TABLE " + b + " (id INT PRIMARY KEY)",
        "INSERT INTO " + b + " VALUES (1), (2)");
    // A view named like the second table makes the copy fail after the first one.
    onReplicaOnly(cluster, "CREATE VIEW " + b + " AS SELECT 1 AS id");

    assertThatThrownBy(() -> copier(cluster).copy())
        .isInstanceOf(SQLException.class)
        .isNotInstanceOf(SnapshotRefusedException.class);
    assertThat(ids(cluster.node(1), cluster, a)).hasSize(500);
    assertThat(replicaRows(cluster, "SELECT source FROM understudy.bootstrap_in_progress"))
        .containsExactly(cluster.node(0).host() + ":" + cluster.node(0).port());
    assertThat(storedPositions(cluster)).isEmpty();

    onReplicaOnly(cluster, "DROP VIEW " + b);
    E2e.write(cluster, "INSERT INTO " + a + " VALUES (501)");
    SnapshotResult result = copier(cluster).copy();

    E2e.assertIdentical(cluster, a);
    E2e.assertIdentical(cluster, b);
    assertThat(replicaRows(cluster, "SELECT * FROM understudy.bootstrap_in_progress")).isEmpty();
    assertThat(storedPositions(cluster)).containsValue(result.position());
  }

  @Test
  @FreshCluster
  void theAppliedPositionIsWrittenAndASecondCopyIsRefused(Cluster cluster, TestSchema schema)
      throws Exception {
    E2e.write(
        cluster,
        "CREATE TABLE " + schema.name() + ".t (id INT PRIMARY KEY)",
        "INSERT INTO " + schema.name() + ".t VALUES (1)");
    Credentials replicator = cluster.users().replicator();
    UnderstudySchema.migrate(cluster.node(0).jdbcUrl(), replicator.user(), replicator.password());
    E2e.run(
        cluster.node(0),
        replicator,
        "INSERT INTO understudy.heartbeat VALUES (1, '2024-01-02 03:04:05.678')");
    String primaryGtid = query(cluster, cluster.node(0), "SELECT @@gtid_binlog_pos").get(0);

    SnapshotResult result = copier(cluster).copy();

    assertThat(result.position().gtid()).isEqualTo(primaryGtid);
    assertThat(result.position().file()).isNotBlank();
    assertThat(result.position().position()).isPositive();
    assertThat(storedPositions(cluster)).isEqualTo(Map.of("0", result.position()));
    assertThat(replicaRows(cluster, "SELECT * FROM understudy.bootstrap_in_progress")).isEmpty();
    E2e.assertIdentical(cluster, "understudy.heartbeat");
    assertThat(result.rows()).isEqualTo(2);

    assertThatThrownBy(() -> copier(cluster).copy())
        .isInstanceOf(SnapshotRefusedException.class)
        .hasMessageContaining("already holds an applied position (" + primaryGtid);
  }

  @Test
  @FreshCluster
  void aPrimaryWithoutAnyGtidGetsOneFromAHeartbeat(Cluster cluster) throws Exception {
    assertThat(query(cluster, cluster.node(0), "SELECT @@gtid_binlog_pos")).containsExactly("");

    SnapshotResult result = copier(cluster).copy();

    assertThat(query(cluster, cluster.node(0), "SELECT @@gtid_binlog_pos"))
        .containsExactly(result.position().gtid());
    assertThat(result.position().sequence()).isEqualTo(1);
    E2e.assertIdentical(cluster, "understudy.heartbeat");
    assertThat(replicaRows(cluster, "SELECT id FROM understudy.heartbeat")).containsExactly("1");
  }

  @Test
  @FreshCluster
  void schemasTablesAndForeignKeysAreRecreatedButViewsAreNot(Cluster cluster, TestSchema schema)
      throws Exception {
    String latin = schema.name() + "_l";
    String empty = schema.name() + "_e";
    String s = schema.name();
    E2e.run(
        cluster.node(0),
        cluster.users().admin(),
        "SET SESSION foreign_key_checks = 0",
        "CREATE DATABASE " + latin + " CHARACTER SET latin1 COLLATE latin1_german2_ci",
        "CREATE DATABASE " + empty,
        "CREATE TABLE " + latin + ".words (id INT PRIMARY KEY, w VARCHAR(20))",
        "INSERT INTO " + latin + ".words VALUES (1, 'Größe'), (2, 'café')",
        // The child sorts first: it is created and filled before its parent exists.
        "CREATE TABLE "
            + s
            + ".a_child (id INT PRIMARY KEY, parent INT NOT NULL,"
            + " FOREIGN KEY (parent) REFERENCES "
            + s
            + ".z_parent (id) ON DELETE CASCADE)",
        "CREATE TABLE " + s + ".z_parent (id INT PRIMARY KEY)",
        "INSERT INTO " + s + ".z_parent VALUES (1), (2)",
        "INSERT INTO " + s + ".a_child VALUES (10, 1), (20, 2), (21, 2)",
        "CREATE VIEW " + s + ".v AS SELECT COUNT(*) AS n FROM " + s + ".a_child");

    copier(cluster).copy();

    E2e.assertIdentical(cluster, latin + ".words");
    E2e.assertIdentical(cluster, s + ".a_child");
    E2e.assertIdentical(cluster, s + ".z_parent");
    String schemata =
        "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
            + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('"
            + latin
            + "', '"
            + empty
            + "') ORDER BY 1";
    assertThat(replicaRows(cluster, schemata)).isEqualTo(query(cluster, cluster.node(0), schemata));
    assertThat(replicaRows(cluster, schemata)).hasSize(2);
    assertThat(
            replicaRows(
                cluster,
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + s
                    + "' ORDER BY 1"))
        .containsExactly("a_child", "z_parent");
    // The foreign key is there and enforced: the cascade runs on the replica.
    onReplicaOnly(cluster, "DELETE FROM " + s + ".z_parent WHERE id = 2");
    assertThat(ids(cluster.node(1), cluster, s + ".a_child")).containsExactly(10L);
  }

  /**
   * Values outside TypeFidelityIT's list that a copy must keep too: zero dates, latin1 text,
   * geometry, an invisible column, a 0 in an AUTO_INCREMENT key, and FLOATs that print with fewer
   * digits than they hold (3.1415927 prints as 3.14159).
   */
  private static final Group BEYOND_THE_MATRIX =
      new Group(
          "beyond",
          "CREATE TABLE beyond (id INT AUTO_INCREMENT PRIMARY KEY, zd DATE, zdt DATETIME,"
              + " l VARCHAR(20) CHARACTER SET latin1, p POINT, hidden INT INVISIBLE,"
              + " u BINARY(16), f FLOAT)",
          "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
          "INSERT INTO beyond (id, zd, zdt, l, p, hidden, u, f) VALUES"
              + " (0, '0000-00-00', '0000-00-00 00:00:00', 'Ünïcödé', POINT(1.5, -2), 7,"
              + " UNHEX('00112233445566778899aabbccddeeff'), 3.1415927),"
              + " (1, '2024-00-00', '2024-02-00 10:00:00', '', NULL, NULL, NULL, 123456.789)");

  private static void writeGroups(
      Cluster cluster, TestSchema schema, String session, List<Group> groups) throws SQLException {
    List<String> statements = new ArrayList<>(List.of("USE " + schema.name(), session));
    for (Group group : groups) {
      statements.addAll(group.statements());
    }
    E2e.write(cluster, statements.toArray(String[]::new));
  }

  private static void writeOneRowPerTransaction(
      Cluster cluster, String table, ConcurrentLinkedQueue<long[]> written, AtomicBoolean stop) {
    AtomicInteger next = new AtomicInteger(1_000_001);
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      while (!stop.get()) {
        int id = next.getAndIncrement();
        statement.executeUpdate("INSERT INTO " + table + " VALUES (" + id + ", 'writer')");
        try (ResultSet gtid = statement.executeQuery("SELECT @@last_gtid")) {
          gtid.next();
          written.add(new long[] {id, new SourcePosition(gtid.getString(1), "", 0).sequence()});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The concurrent writer failed", e);
    }
  }

  private static List<String> numbers(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      values.add("(" + i + ")");
    }
    return values;
  }
}
