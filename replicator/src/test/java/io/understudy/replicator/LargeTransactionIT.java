package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large transactions and large values replicate whole, with the replicator in a child JVM whose
 * heap is bounded ({@link #HEAP}), so that running out of memory would show: the forked test JVM's
 * default heap (a quarter of the machine's memory) bounds nothing. The child reports the largest
 * heap occupancy after any collection and after a full one; the tests print them with timings.
 */
@ClusterTest(nodes = 2)
class LargeTransactionIT {

  /**
   * Measured (MariaDB 11.4.5, 2 CPUs), with the whole transaction held in the replicator's memory
   * (the captured transaction, the applier's planned rows and Connector/J's batch at once): at
   * -Xmx256m the applier ran out of memory during the 100k-row UPDATE, in Connector/J building the
   * batch's multi-statement packet; at -Xmx320m the heap held up to 286 MiB after a full collection
   * and the UPDATE passed on a quiet machine but missed a 60 s limit under load, the collector
   * running nearly without pause; at -Xmx512m it peaks at about 330 MiB after any collection and
   * takes 20 to 25 s (48 s on a loaded machine). The 16 MiB value needs at most 86 MiB after a full
   * collection.
   */
  private static final String HEAP = "-Xmx512m";

  private static final int ROWS = 100_000;
  private static final int BLOB_BYTES = 16 * 1024 * 1024;
  private static final Duration ARRIVAL = Duration.ofSeconds(90);
  private static final Path LOGS = Path.of("target", "large-transaction-it");

  @Test
  @FreshCluster
  @Timeout(value = 130, unit = TimeUnit.SECONDS)
  void hundredThousandRowTransactions_eachArriveWholeAndTheReplicaEndsIdentical(
      Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".bulk";
    try (Child child = Child.start(cluster, "rows")) {
      child.awaitReady();
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, payload VARCHAR(100))");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));

      Set<Long> inserted =
          seenOnReplica(
              cluster,
              child,
              "SELECT COUNT(*) FROM " + table,
              ROWS,
              "INSERT INTO "
                  + table
                  + " SELECT seq, CONCAT('row-', seq, '-', REPEAT('x', 80)) FROM "
                  + schema.name()
                  + ".seq_1_to_"
                  + ROWS);
      assertThat(inserted).as("row counts seen on the replica").containsExactly(0L, (long) ROWS);
      assertSameChecksum(cluster, table);

      Set<Long> updated =
          seenOnReplica(
              cluster,
              child,
              "SELECT COUNT(*) FROM " + table + " WHERE payload LIKE 'updated-%'",
              ROWS,
              "UPDATE " + table + " SET payload = CONCAT('updated-', id, '-', REPEAT('y', 80))");
      assertThat(updated).as("updated rows seen on the replica").containsExactly(0L, (long) ROWS);
      assertSameChecksum(cluster, table);

      Set<Long> deleted =
          seenOnReplica(cluster, child, "SELECT COUNT(*) FROM " + table, 0, "DELETE FROM " + table);
      assertThat(deleted).as("row counts seen on the replica").containsExactly((long) ROWS, 0L);
      assertSameChecksum(cluster, table);
      child.report("100k-row insert, update and delete");
    }
  }

  @Test
  @FreshCluster
  @Timeout(value = 45, unit = TimeUnit.SECONDS)
  void sixteenMegabyteBlob_arrivesByteIdenticalOnInsertAndUpdate(Cluster cluster, TestSchema schema)
      throws Exception {
    // MariaDB 11.4's default max_allowed_packet is 16 MiB, and Connector/J sends a client-side
    // prepared statement's byte[] as hex text: the INSERT of 16 MiB is a 33,554,544-byte packet,
    // refused by the driver itself (PacketTooBigException). The applier binds values the same way,
    // so a replica needs more than twice the largest value. Raised on every node before any client
    // connects: both the driver and the server take the value at connect time.
    for (ClusterNode node : cluster.nodes()) {
      E2e.run(node, cluster.users().admin(), "SET GLOBAL max_allowed_packet = 67108864");
    }
    String table = schema.name() + ".large_value";
    try (Child child = Child.start(cluster, "blob")) {
      child.awaitReady();
      E2e.write(cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, b LONGBLOB)");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));

      byte[] first = randomBytes(1);
      writeBlob(cluster, "INSERT INTO " + table + " (id, b) VALUES (1, ?)", first);
      awaitSameBlob(cluster, child, table, first, "insert");

      byte[] second = randomBytes(2);
      writeBlob(cluster, "UPDATE " + table + " SET b = ? WHERE id = 1", second);
      awaitSameBlob(cluster, child, table, second, "update");
      assertSameChecksum(cluster, table);
      child.report("16 MiB LONGBLOB insert and update");
    }
  }

  /**
   * Runs {@code write} on the primary while polling {@code countQuery} on the replica, each poll a
   * fresh snapshot, until it returns {@code target}; returns every distinct value seen, in order.
   */
  private static Set<Long> seenOnReplica(
      Cluster cluster, Child child, String countQuery, long target, String write) throws Exception {
    Set<Long> seen = new LinkedHashSet<>();
    try (Connection replica = cluster.node(1).connect(cluster.users().app());
        Statement poll = replica.createStatement()) {
      seen.add(count(poll, countQuery)); // before the write: the state the replica starts from
      long started = System.nanoTime();
      CompletableFuture<Void> written =
          CompletableFuture.runAsync(
              () -> {
                try {
                  E2e.write(cluster, write);
                } catch (SQLException e) {
                  throw new IllegalStateException("write on the primary failed: " + write, e);
                }
              });
      long deadline = started + ARRIVAL.toNanos();
      long value;
      do {
        if (Thread.interrupted()) {
          throw new InterruptedException("stopped waiting for " + countQuery); // @Timeout
        }
        child.assertHealthy();
        assertThat(System.nanoTime())
            .as("%s reached %d in time", countQuery, target)
            .isLessThan(deadline);
        value = count(poll, countQuery);
        seen.add(value);
      } while (value != target);
      written.get(ARRIVAL.toSeconds(), TimeUnit.SECONDS);
      System.out.printf(
          "LargeTransactionIT: %s arrived on the replica %d ms after the write began%n",
          write.substring(0, write.indexOf(' ')),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
    return seen;
  }

  private static long count(Statement statement, String query) throws SQLException {
    try (ResultSet result = statement.executeQuery(query)) {
      assertThat(result.next()).isTrue();
      return result.getLong(1);
    }
  }

  private static void assertSameChecksum(Cluster cluster, String table) throws SQLException {
    assertThat(E2e.checksum(cluster.node(1), cluster, table))
        .as("CHECKSUM TABLE %s on the replica", table)
        .isEqualTo(E2e.checksum(cluster.node(0), cluster, table));
  }

  /** Random bytes that certainly hold 0x00, 0xFF, a quote and a backslash. */
  private static byte[] randomBytes(long seed) {
    byte[] bytes = new byte[BLOB_BYTES];
    new Random(seed).nextBytes(bytes);
    bytes[0] = 0x00;
    bytes[1] = (byte) 0xFF;
    bytes[2] = '\'';
    bytes[3] = '\\';
    bytes[BLOB_BYTES - 1] = 0x00;
    return bytes;
  }

  private static void writeBlob(Cluster cluster, String sql, byte[] value) throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setBytes(1, value);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static void awaitSameBlob(
      Cluster cluster, Child child, String table, byte[] value, String what) throws Exception {
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    String query = "SELECT SHA2(b, 256), LENGTH(b) FROM " + table + " WHERE id = 1";
    assertThat(blobDigest(cluster, cluster.node(0), query))
        .as("the primary holds the value written")
        .isEqualTo(expected + " " + BLOB_BYTES);
    long started = System.nanoTime();
    await()
        .atMost(ARRIVAL)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              child.assertHealthy();
              assertThat(blobDigest(cluster, cluster.node(1), query))
                  .as("SHA-256 and length of the value on the replica")
                  .isEqualTo(expected + " " + BLOB_BYTES);
            });
    System.out.printf(
        "LargeTransactionIT: 16 MiB value (%s) arrived on the replica within %d ms%n",
        what, Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private static String blobDigest(Cluster cluster, ClusterNode node, String query)
      throws SQLException {
    try (Connection connection = node.connect(cluster.users().app());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      return result.next() ? result.getString(1) + " " + result.getLong(2) : null;
    }
  }

  /**
   * The child JVM's main: runs a {@link Replicator} ({@link ReplicatorHolder#config} arguments and
   * properties) and prints {@code READY}, {@code HEAP <bytes> <bytes>} each time the heap held
   * after any collection, or after a full one, reaches a new maximum, and {@code FAILED <why>} with
   * the stack trace (then halts) when the capture or an applier stops, or any thread dies of an
   * uncaught throwable (such as {@link OutOfMemoryError}). Halts when its standard input closes, so
   * it never outlives the test JVM.
   */
  public static final class BoundedHeapHolder {

    private static final AtomicLong maxHeapAfterGc = new AtomicLong();
    private static final AtomicLong maxHeapAfterFullGc = new AtomicLong();

    private BoundedHeapHolder() {}

    public static void main(String[] args) throws Exception {
      PrintStream out = System.out;
      Thread guard =
          new Thread(
              () -> {
                try {
                  while (System.in.read() >= 0) {
                    // Only the end of the stream matters: the parent has gone.
                  }
                } catch (IOException e) {
                  // The same.
                }
                Runtime.getRuntime().halt(2);
              },
              "holder-orphan-guard");
      guard.setDaemon(true);
      guard.start();
      Thread.setDefaultUncaughtExceptionHandler(
          (thread, error) -> fail(out, "uncaught in " + thread.getName(), error));
      watchHeapAfterGc();

      Replicator replicator = new Replicator(ReplicatorHolder.config(args)).start();
      out.println("READY max=" + Runtime.getRuntime().maxMemory());
      long reported = 0;
      while (true) {
        BinlogCapture capture = replicator.capture();
        if (capture.state() == BinlogCapture.State.FAILED) {
          fail(out, "capture " + capture.state(), capture.failure());
        }
        for (ReplicaApplier applier : replicator.appliers()) {
          if (applier.state().isFinal()) {
            fail(out, applier.replica() + " " + applier.state(), applier.lastError());
          }
        }
        long max = maxHeapAfterGc.get();
        long full = maxHeapAfterFullGc.get();
        if (max + full > reported) {
          out.println("HEAP " + max + " " + full);
          reported = max + full;
        }
        Thread.sleep(100); // a watchdog in a child JVM: there is no event to wait for
      }
    }

    private static void fail(PrintStream out, String what, Throwable error) {
      out.println("FAILED " + what + ": " + error);
      if (error != null) {
        error.printStackTrace(out);
      }
      out.flush();
      Runtime.getRuntime().halt(1);
    }

    /** Tracks the largest heap occupancy right after any collection: the live set, roughly. */
    private static void watchHeapAfterGc() {
      Set<String> heapPools = new LinkedHashSet<>();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector)
            .addNotificationListener(
                (notification, handback) -> {
                  if (!notification
                      .getType()
                      .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                  }
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long used = 0;
                  for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                      MemoryUsage usage = pool.getValue();
                      used += usage.getUsed();
                    }
                  }
                  maxHeapAfterGc.accumulateAndGet(used, Math::max);
                  if (info.getGcAction().equals("end of major GC")) {
                    maxHeapAfterFullGc.accumulateAndGet(used, Math::max);
                  }
                },
                null,
                null);
      }
    }
  }

  /** A started {@link BoundedHeapHolder}; its output goes to a log file and is watched. */
  private static final class Child implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final long started = System.nanoTime();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicLong maxHeapAfterGc = new AtomicLong();
    private final AtomicLong maxHeapAfterFullGc = new AtomicLong();

    static Child start(Cluster cluster, String name) throws IOException {
      Files.createDirectories(LOGS);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              HEAP,
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-Dunderstudy.user=" + cluster.users().replicator().user(),
              "-Dunderstudy.password=" + cluster.users().replicator().password(),
              "-cp",
              System.getProperty("java.class.path"),
              BoundedHeapHolder.class.getName()));
      for (ClusterNode node : cluster.nodes()) {
        command.add(node.name() + "=" + node.host() + ":" + node.port());
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new Child(process, LOGS.resolve(name + ".log"));
    }

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread pump = new Thread(this::pump, "large-transaction-it-output-" + process.pid());
      pump.setDaemon(true);
      pump.start();
    }

    private void pump() {
      try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer out = Files.newBufferedWriter(log)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          out.write(line);
          out.write('\n');
          out.flush();
          if (line.startsWith("READY max=")) {
            maxHeap.set(Long.parseLong(line.substring("READY max=".length())));
            ready.complete(null);
          } else if (line.startsWith("HEAP ")) {
            String[] values = line.split(" ");
            maxHeapAfterGc.set(Long.parseLong(values[1]));
            maxHeapAfterFullGc.set(Long.parseLong(values[2]));
          } else if (line.startsWith("FAILED ")) {
            failure.compareAndSet(null, line);
          }
        }
      } catch (IOException e) {
        // The process was killed mid-line; what was written is in the log.
      }
      ready.completeExceptionally(
          new AssertionError(
              "Replicator child ended before READY (" + failure.get() + "); see " + log));
    }

    void awaitReady() throws Exception {
      ready.get(60, TimeUnit.SECONDS);
    }

    /** Fails at once if the replicator stopped, ran out of memory, or exited. */
    void assertHealthy() {
      assertThat(failure.get()).as("replicator child failed; stack trace in %s", log).isNull();
      assertThat(process.isAlive())
          .as("replicator child exited with %s; see %s", exitValue(), log)
          .isTrue();
    }

    private String exitValue() {
      return process.isAlive() ? "nothing" : Integer.toString(process.exitValue());
    }

    void report(String what) {
      assertHealthy();
      System.out.printf(
          "LargeTransactionIT: %s: replicator child %s, %d s, heap after GC at most %d MiB, after a"
              + " full GC at most %d MiB, of %d MiB%n",
          what,
          HEAP,
          Duration.ofNanos(System.nanoTime() - started).toSeconds(),
          maxHeapAfterGc.get() >> 20,
          maxHeapAfterFullGc.get() >> 20,
          maxHeap.get() >> 20);
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("replicator child " + process.pid() + " did not end");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the replicator child to end", e);
      }
    }
  }
}
