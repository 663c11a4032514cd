package io.understudy.replicator.apply;

import static io.understudy.replicator.apply.Changes.ddl;
import static io.understudy.replicator.apply.Changes.delete;
import static io.understudy.replicator.apply.Changes.insert;
import static io.understudy.replicator.apply.Changes.position;
import static io.understudy.replicator.apply.Changes.row;
import static io.understudy.replicator.apply.Changes.tx;
import static io.understudy.replicator.apply.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.model.TableId;
import io.understudy.replicator.model.Transaction;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 2)
class ReplicaApplierIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void transactionOverTwoTables_isAppliedWithItsPosition(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    TableId audit = new TableId(schema.name(), "audit");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(
          tx(
              1,
              insert(accounts, row("id", 1L, "balance", 100L)),
              insert(accounts, row("id", 2L, "balance", 0L)),
              insert(audit, row("id", 1L, "note", "opened"))));
      applier.put(
          tx(
              2,
              update(accounts, row("id", 1L, "balance", 100L), row("id", 1L, "balance", 60L)),
              update(accounts, row("id", 2L, "balance", 0L), row("id", 2L, "balance", 40L)),
              delete(audit, row("id", 1L, "note", "opened")),
              insert(audit, row("id", 2L, "note", "moved 40"))));
      await().atMost(WAIT).until(() -> position(2).equals(applier.appliedPosition()));
    }

    assertThat(
            Replicas.rows(cluster, replica, "SELECT id, balance FROM " + accounts + " ORDER BY id"))
        .containsExactly(List.of("1", "60"), List.of("2", "40"));
    assertThat(Replicas.rows(cluster, replica, "SELECT id, note FROM " + audit))
        .containsExactly(List.of("2", "moved 40"));
    assertThat(
            Replicas.rows(
                cluster,
                replica,
                "SELECT stream, gtid, binlog_file, binlog_position, source_commit_time"
                    + " FROM understudy.applied_position"))
        .containsExactly(
            List.of("0", "0-1-2", "mysql-bin.000001", "1200", "2025-03-01 10:00:02.123456"));
  }

  @Test
  void failingChange_leavesNothingOfItsTransactionVisible(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    TableId audit = new TableId(schema.name(), "audit");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(1, insert(accounts, row("id", 1L, "balance", 100L))));
      applier.put(
          tx(
              2,
              update(accounts, row("id", 1L, "balance", 100L), row("id", 1L, "balance", 0L)),
              insert(audit, row("id", 9L, "note", "x")),
              delete(accounts, row("id", 42L, "balance", 5L))));
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.STOPPED_DIVERGED);

      assertThat(applier.lastError())
          .isInstanceOf(ReplicaDivergedException.class)
          .hasMessageContaining("node-1")
          .hasMessageContaining(accounts.toString())
          .hasMessageContaining("id=42")
          .hasMessageContaining("0-1-2")
          .hasMessageContaining("DELETE found no row");
      assertThat(applier.appliedPosition()).isEqualTo(position(1));
      assertThatThrownBy(() -> applier.put(tx(3))).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Replicas.rows(cluster, replica, "SELECT balance FROM " + accounts))
        .containsExactly(List.of("100"));
    assertThat(Replicas.rows(cluster, replica, "SELECT * FROM " + audit)).isEmpty();
    assertThat(Replicas.value(cluster, replica, "SELECT gtid FROM understudy.applied_position"))
        .isEqualTo("0-1-1");
  }

  @Test
  void wrongPassword_stopsTheApplierInsteadOfRetrying(Cluster cluster) {
    ClusterNode replica = cluster.node(1);
    try (ReplicaApplier applier =
        Replicas.start(cluster, replica, b -> b.credentials("replicator", "wrong"))) {
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.STOPPED_FAILED);
      assertThat(applier.lastError()).hasMessageContaining("Access denied");
    }
  }

  @Test
  void restartedApplier_skipsWhatTheReplicaAlreadyHas(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    List<Transaction> stream = new ArrayList<>();
    for (long i = 1; i <= 5; i++) {
      stream.add(tx(i, insert(accounts, row("id", i, "balance", i * 10))));
    }

    try (ReplicaApplier first = Replicas.start(cluster, replica)) {
      for (Transaction transaction : stream.subList(0, 3)) {
        first.put(transaction);
      }
      await().atMost(WAIT).until(() -> position(3).equals(first.appliedPosition()));
    }
    try (ReplicaApplier second = Replicas.start(cluster, replica)) {
      await().atMost(WAIT).until(() -> position(3).equals(second.appliedPosition()));
      for (Transaction transaction : stream) {
        second.put(transaction); // a restart redelivers 1..3
      }
      await().atMost(WAIT).until(() -> position(5).equals(second.appliedPosition()));
      assertThat(second.state()).isEqualTo(ApplierState.RUNNING);
      assertThat(second.lastError()).isNull();
    }
    assertThat(Replicas.value(cluster, replica, "SELECT COUNT(*) FROM " + accounts)).isEqualTo("5");
  }

  @Test
  void schemaChanges_thenRowsInTheNewColumn(Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    TableId items = new TableId(schema.name(), "items");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(1, ddl(schema.name(), "CREATE TABLE items (id BIGINT PRIMARY KEY)")));
      applier.put(tx(2, insert(items, row("id", 1L))));
      applier.put(tx(3, ddl(schema.name(), "ALTER TABLE items ADD COLUMN note VARCHAR(20)")));
      applier.put(tx(4, insert(items, row("id", 2L, "note", "new column"))));
      await().atMost(WAIT).until(() -> position(4).equals(applier.appliedPosition()));
    }
    assertThat(Replicas.rows(cluster, replica, "SELECT id, note FROM " + items + " ORDER BY id"))
        .containsExactly(Arrays.asList("1", null), List.of("2", "new column"));
  }

  @Test
  void ddlThatRanBeforeACrash_isRecordedWhenRedelivered(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    // As if the applier died after the DDL's implicit commit but before writing its position.
    Replicas.execute(cluster, replica, "CREATE TABLE " + schema.name() + ".t (id INT PRIMARY KEY)");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(7, ddl(schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)")));
      applier.put(tx(8, insert(new TableId(schema.name(), "t"), row("id", 1))));
      await().atMost(WAIT).until(() -> position(8).equals(applier.appliedPosition()));
      // Later, the same error is a real failure, not a redo.
      applier.put(tx(9, ddl(schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)")));
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.STOPPED_FAILED);
      assertThat(applier.lastError()).hasMessageContaining("0-1-9").hasMessageContaining("exists");
    }
  }

  @Test
  void readerOfTheReplica_neverSeesHalfATransfer(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    Replicas.execute(cluster, replica, "INSERT INTO " + accounts + " VALUES (1, 1000), (2, 0)");
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> brokenSum = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get() && brokenSum.get() == null) {
                try {
                  String sum =
                      Replicas.value(cluster, replica, "SELECT SUM(balance) FROM " + accounts);
                  if (!"1000".equals(sum)) {
                    brokenSum.set(sum);
                  }
                } catch (Exception e) {
                  brokenSum.set(e.toString());
                }
              }
            },
            "test-reader");
    reader.start();

    try (ReplicaApplier applier = Replicas.start(cluster, replica, b -> b.maxGroupSize(10))) {
      for (long i = 1; i <= 300; i++) {
        applier.put(
            tx(
                i,
                update(
                    accounts,
                    row("id", 1L, "balance", 1001 - i),
                    row("id", 1L, "balance", 1000 - i)),
                update(accounts, row("id", 2L, "balance", i - 1), row("id", 2L, "balance", i))));
      }
      await().atMost(WAIT).until(() -> position(300).equals(applier.appliedPosition()));
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(brokenSum.get()).as("a sum the reader saw").isNull();
    assertThat(Replicas.rows(cluster, replica, "SELECT balance FROM " + accounts + " ORDER BY id"))
        .containsExactly(List.of("700"), List.of("300"));
  }

  @Test
  @FreshCluster
  void replicaKilledWhileTransactionsQueued_receivesEachExactlyOnce(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    TableId events = new TableId(schema.name(), "events");
    TableId counter = new TableId(schema.name(), "counter");
    Replicas.execute(
        cluster,
        replica,
        "CREATE TABLE " + events + " (id BIGINT PRIMARY KEY)",
        "CREATE TABLE " + counter + " (id INT PRIMARY KEY, n BIGINT NOT NULL)",
        "INSERT INTO " + counter + " VALUES (1, 0)");
    int total = 3_000;

    try (ReplicaApplier applier =
        Replicas.start(cluster, replica, b -> b.queueCapacity(total).maxGroupSize(1))) {
      for (long i = 1; i <= total; i++) {
        // Re-applying either change would diverge: a duplicate key, or no row with n = i - 1.
        applier.put(
            tx(
                i,
                insert(events, row("id", i)),
                update(counter, row("id", 1, "n", i - 1), row("id", 1, "n", i))));
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  applier.appliedPosition() != null && applier.appliedPosition().sequence() >= 20);
      replica.kill();
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.RECONNECTING);
      assertThat(applier.queueDepth()).isPositive();
      replica.restart();

      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> position(total).equals(applier.appliedPosition()));
      assertThat(applier.state()).isEqualTo(ApplierState.RUNNING);
    }
    assertThat(Replicas.value(cluster, replica, "SELECT COUNT(*) FROM " + events))
        .isEqualTo(String.valueOf(total));
    assertThat(Replicas.value(cluster, replica, "SELECT n FROM " + counter))
        .isEqualTo(String.valueOf(total));
  }
}
