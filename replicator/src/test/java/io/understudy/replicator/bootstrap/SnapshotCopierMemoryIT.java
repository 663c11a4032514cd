package io.understudy.replicator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.E2e;
import io.understudy.replicator.ReplicationFilter;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A copy streams: a table more than twice the size of the copying JVM's heap is copied by a child
 * JVM that exits at its first {@link OutOfMemoryError}.
 */
@ClusterTest(nodes = 2)
class SnapshotCopierMemoryIT {

  private static final String HEAP = "-Xmx64m";
  private static final int ROWS = 100_000;
  private static final int ROW_BYTES = 1_500; // 150 MB of payload

  @Test
  void aTableLargerThanTheHeapIsCopied(Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".big";
    E2e.write(
        cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, payload VARCHAR(2000) NOT NULL)");
    for (int from = 1; from <= ROWS; from += 10_000) {
      E2e.write(
          cluster,
          "SET SESSION max_recursive_iterations = 10000",
          "INSERT INTO "
              + table
              + " WITH RECURSIVE n (i) AS (SELECT "
              + from
              + " UNION ALL SELECT i + 1 FROM n WHERE i < "
              + (from + 9_999)
              + ") SELECT i, REPEAT(CHAR(65 + i % 26), "
              + ROW_BYTES
              + ") FROM n");
    }

    Credentials replicator = cluster.users().replicator();
    Path log = Files.createTempFile("snapshot-copier-memory", ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                CopyInChild.class.getName(),
                cluster.node(0).jdbcUrl(),
                cluster.node(1).jdbcUrl(),
                replicator.user(),
                replicator.password(),
                schema.name())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("child finished").isTrue();
      List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as("child exit code; output: %s", output).isZero();
      assertThat(output).anyMatch(line -> line.startsWith("COPIED " + ROWS + " rows"));
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(log);
    }
    assertThat(E2e.checksum(cluster.node(1), cluster, table))
        .isEqualTo(E2e.checksum(cluster.node(0), cluster, table));
  }

  /** Runs one copy of the schema in {@code args[4]}; prints what it copied. */
  public static final class CopyInChild {

    private CopyInChild() {}

    public static void main(String[] args) throws Exception {
      SnapshotResult result =
          new SnapshotCopier(
                  args[0],
                  args[1],
                  args[2],
                  args[3],
                  ReplicationFilter.builder().includeSchemas(args[4]).build())
              .copy();
      System.out.println("COPIED " + result.rows() + " rows, max heap " + maxHeap());
    }

    private static long maxHeap() {
      return Runtime.getRuntime().maxMemory();
    }
  }
}
