package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A replicator killed with SIGKILL at random moments under a steady write load, and restarted each
 * time, still leaves every replica with exactly the primary's rows: nothing lost, nothing applied
 * twice. Each transaction inserts one row with a unique id and adds its amount to its writer's sum,
 * so a lost transaction shows as a missing id and a repeated one as a duplicate key or a wrong sum.
 */
@ClusterTest(nodes = 3)
class ReplicatorCrashIT {

  private static final int KILLS = 20;
  private static final int WRITERS = 2;
  private static final Duration WRITE_INTERVAL = Duration.ofMillis(8);
  private static final Path LOGS = Path.of("target", "replicator-crash-it");

  private final List<Process> started = new ArrayList<>();

  @Test
  @FreshCluster
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void replicatorKilledAtRandomMomentsUnderLoad_replicasEndIdenticalToThePrimary(
      Cluster cluster, TestSchema schema) throws Exception {
    long seed = Long.getLong("understudy.crash.seed", System.nanoTime());
    System.out.println("ReplicatorCrashIT seed: " + seed + " (rerun with -Dunderstudy.crash.seed)");
    Random random = new Random(seed);
    String events = schema.name() + ".event";
    String sums = schema.name() + ".writer_sum";
    Files.createDirectories(LOGS);
    ScheduledExecutorService load = Executors.newScheduledThreadPool(WRITERS, named("crash-load"));
    AtomicReference<Throwable> loadError = new AtomicReference<>();
    AtomicInteger written = new AtomicInteger();
    try {
      ReplicatorHolder.Child child = startChild(cluster, 0);
      child.awaitReady();
      // The tables are created through replication, so every replica holds a position before the
      // first kill; a replicator that never applied anything starts at the primary's current
      // position (see Replicator) and would not see writes made while it was down.
      E2e.write(
          cluster,
          "CREATE TABLE "
              + events
              + " (id BIGINT PRIMARY KEY, writer INT NOT NULL, amount INT NOT NULL)",
          "CREATE TABLE "
              + sums
              + " (writer INT PRIMARY KEY, total BIGINT NOT NULL, transactions INT NOT NULL)",
          "INSERT INTO " + sums + " VALUES " + writerRows());
      E2e.awaitIdentical(cluster, sums, Duration.ofSeconds(30));

      for (int w = 1; w <= WRITERS; w++) {
        LoadWriter writer = new LoadWriter(cluster, schema, w, written, loadError);
        load.scheduleAtFixedRate(
            writer::writeOne, 0, WRITE_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
      }
      for (int kill = 1; kill <= KILLS; kill++) {
        long delay = 200 + random.nextInt(1_301);
        Thread.sleep(delay); // the random kill point; there is nothing to wait for
        child.assertStillRunning();
        child.kill();
        assertThat(loadError.get()).as("writer error").isNull();
        child = startChild(cluster, kill);
        child.awaitReady();
      }
      child.kill();
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(loadError.get()).as("writer error").isNull();
      System.out.printf(
          "ReplicatorCrashIT: %d kills, %d transactions written, seed %d%n",
          KILLS, written.get(), seed);

      try (Replicator last = new Replicator(E2e.config(cluster)).start()) {
        E2e.awaitStreaming(last);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertCaughtUp(cluster, last, events));
        E2e.assertIdentical(cluster, sums);
      }
      assertConsistent(cluster, cluster.node(0), events, sums, written.get());
      for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
        assertConsistent(cluster, replica, events, sums, written.get());
        assertThat(ids(cluster, replica, events))
            .as("ids on %s", replica.name())
            .isEqualTo(ids(cluster, cluster.node(0), events));
      }
      E2e.assertIdentical(cluster, events);
    } finally {
      load.shutdownNow();
      for (Process process : started) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(started).noneMatch(Process::isAlive);
  }

  private static String writerRows() {
    List<String> rows = new ArrayList<>();
    for (int w = 1; w <= WRITERS; w++) {
      rows.add("(" + w + ", 0, 0)");
    }
    return String.join(", ", rows);
  }

  /** Same row count and checksum everywhere; fails at once if an applier has stopped. */
  private static void assertCaughtUp(Cluster cluster, Replicator replicator, String events)
      throws SQLException {
    for (ReplicaApplier applier : replicator.appliers()) {
      assertThat(applier.state().isFinal())
          .as("%s stopped: %s", applier.replica(), applier.lastError())
          .isFalse();
    }
    long expected = E2e.count(cluster.node(0), cluster, events);
    for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
      assertThat(E2e.count(replica, cluster, events))
          .as("rows on %s", replica.name())
          .isEqualTo(expected);
    }
  }

  /**
   * On {@code node}: each writer's sum and count equal what its event rows add up to, and the total
   * count is what the writers committed.
   */
  private static void assertConsistent(
      Cluster cluster, ClusterNode node, String events, String sums, int written)
      throws SQLException {
    String query =
        "SELECT s.writer, s.total, s.transactions, COALESCE(SUM(e.amount), 0), COUNT(e.id)"
            + " FROM "
            + sums
            + " s LEFT JOIN "
            + events
            + " e ON e.writer = s.writer GROUP BY s.writer, s.total, s.transactions";
    long transactions = 0;
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        String writer = node.name() + " writer " + result.getInt(1);
        assertThat(result.getLong(2)).as("%s sum", writer).isEqualTo(result.getLong(4));
        assertThat(result.getLong(3)).as("%s transactions", writer).isEqualTo(result.getLong(5));
        transactions += result.getLong(3);
      }
    }
    assertThat(transactions).as("transactions on %s", node.name()).isEqualTo(written);
    assertThat(E2e.count(node, cluster, events)).as("rows on %s", node.name()).isEqualTo(written);
  }

  private static List<Long> ids(Cluster cluster, ClusterNode node, String table)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (result.next()) {
        ids.add(result.getLong(1));
      }
    }
    return ids;
  }

  /** One writer: each call commits one transaction of one new event and its writer's sum. */
  private static final class LoadWriter {
    private final Cluster cluster;
    private final String insert;
    private final String update;
    private final int writer;
    private final AtomicInteger written;
    private final AtomicReference<Throwable> error;
    private Connection connection;
    private long sequence;

    LoadWriter(
        Cluster cluster,
        TestSchema schema,
        int writer,
        AtomicInteger written,
        AtomicReference<Throwable> error) {
      this.cluster = cluster;
      this.insert = "INSERT INTO " + schema.name() + ".event VALUES (?, ?, ?)";
      this.update =
          "UPDATE "
              + schema.name()
              + ".writer_sum SET total = total + ?, transactions = transactions + 1"
              + " WHERE writer = ?";
      this.writer = writer;
      this.written = written;
      this.error = error;
    }

    void writeOne() {
      if (error.get() != null) {
        return;
      }
      try {
        if (connection == null) {
          connection = cluster.node(0).connect(cluster.users().app());
          connection.setAutoCommit(false);
        }
        sequence++;
        int amount = (int) (sequence % 97) + 1;
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
          statement.setLong(1, writer * 1_000_000_000L + sequence);
          statement.setInt(2, writer);
          statement.setInt(3, amount);
          statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
          statement.setInt(1, amount);
          statement.setInt(2, writer);
          statement.executeUpdate();
        }
        connection.commit();
        written.incrementAndGet();
      } catch (SQLException | RuntimeException e) {
        error.compareAndSet(null, e);
      }
    }
  }

  private ReplicatorHolder.Child startChild(Cluster cluster, int number) throws IOException {
    ReplicatorHolder.Child child =
        ReplicatorHolder.Child.start(cluster, LOGS.resolve("child-" + number + ".log"));
    started.add(child.process());
    return child;
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> new Thread(runnable, prefix + "-" + number.incrementAndGet());
  }
}
