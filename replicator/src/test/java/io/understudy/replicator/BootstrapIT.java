package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.fanout.ReplicaFeed;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A replica without an applied position is brought up to date from a consistent snapshot of the
 * primary and then joins streaming with no gap and no duplicate: at the first start of a
 * replicator, and when a node is added to a running one while the primary keeps taking writes.
 */
@ClusterTest(nodes = 4)
class BootstrapIT {

  @Test
  @FreshCluster
  void aFourthNodeAddedWhileWritesContinueEndsIdenticalToThePrimary(
      Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".ledger";
    ClusterNode fourth = cluster.node(3);
    try (Replicator replicator = new Replicator(configFor(cluster, 1, 2)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(
          cluster,
          "CREATE TABLE " + table + " (id INT PRIMARY KEY, amount BIGINT NOT NULL, note TEXT)");
      E2e.insertRange(
          cluster, table, 1, 50_000, 1_000, id -> "(" + id + ", " + id + ", 'row " + id + "')");

      Writer writer = new Writer(cluster, table, 50_001);
      writer.start();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() > 200);
        ReplicaFeed feed = replicator.addReplica(E2e.endpoint(fourth)).get(120, TimeUnit.SECONDS);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> feed.mode() == ReplicaFeed.Mode.ATTACHED);
        // Writes keep coming after it rejoined: they arrive through the main stream.
        int atAttach = writer.written();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() > atAttach + 200);
      } finally {
        writer.stop();
      }
      assertThat(writer.failure()).isNull();
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(60));
      assertThat(E2e.count(fourth, cluster, table)).isEqualTo(50_000L + writer.written());
    }
  }

  @Test
  @FreshCluster
  void theFirstStartCopiesWhatThePrimaryAlreadyHeld(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".before";
    E2e.write(
        cluster,
        "CREATE TABLE " + table + " (id INT PRIMARY KEY, amount BIGINT, note VARCHAR(30))");
    E2e.insertRange(
        cluster, table, 1, 5_000, 1_000, id -> "(" + id + ", " + id + ", 'row " + id + "')");
    try (Replicator replicator = new Replicator(configFor(cluster, 1, 2, 3)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.assertIdentical(cluster, table);
      E2e.write(cluster, "UPDATE " + table + " SET note = 'after' WHERE id <= 10");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(20));
    }
  }

  @Test
  @FreshCluster
  void aNodeHoldingRowsOfItsOwnIsRefusedAndKeepsThem(Cluster cluster, TestSchema schema)
      throws Exception {
    String table = schema.name() + ".precious";
    ClusterNode fourth = cluster.node(3);
    E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY)");
    try (Connection admin = fourth.connect(cluster.users().admin());
        Statement statement = admin.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO " + table + " VALUES (42)");
    }
    try (Replicator replicator = new Replicator(configFor(cluster, 1, 2)).start()) {
      E2e.awaitStreaming(replicator);
      assertThatThrownBy(
              () -> replicator.addReplica(E2e.endpoint(fourth)).get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("precious");
      assertThat(replicator.feeds()).hasSize(2);
    }
    assertThat(E2e.count(fourth, cluster, table)).isEqualTo(1);
  }

  private static ReplicatorConfig configFor(Cluster cluster, int... replicas) {
    ReplicatorConfig base = E2e.config(cluster);
    List<ReplicatorConfig.Endpoint> chosen =
        java.util.Arrays.stream(replicas).mapToObj(i -> E2e.endpoint(cluster.node(i))).toList();
    return new ReplicatorConfig(
        base.primary(),
        chosen,
        base.user(),
        base.password(),
        base.serverId(),
        base.queueCapacity());
  }

  /** Inserts one row per autocommit transaction and updates an older one, until stopped. */
  private static final class Writer {
    private final Cluster cluster;
    private final String table;
    private final int firstId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    Writer(Cluster cluster, String table, int firstId) {
      this.cluster = cluster;
      this.table = table;
      this.firstId = firstId;
      this.thread = new Thread(this::run, "bootstrap-it-writer");
    }

    void start() {
      thread.start();
    }

    int written() {
      return written.get();
    }

    Throwable failure() {
      return failure.get();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(30_000);
    }

    private void run() {
      try (Connection connection = cluster.node(0).connect(cluster.users().app());
          Statement statement = connection.createStatement()) {
        for (int id = firstId; running.get(); id++) {
          statement.execute("INSERT INTO " + table + " VALUES (" + id + ", " + id + ", 'live')");
          statement.execute(
              "UPDATE " + table + " SET amount = amount + 1 WHERE id = " + (id % 50_000 + 1));
          written.incrementAndGet();
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }
  }
}
