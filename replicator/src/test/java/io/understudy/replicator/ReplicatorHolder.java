package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link Replicator} in a child JVM for {@link ReplicatorCrashIT} until it is killed.
 *
 * <p>Arguments: the primary, then each replica, as {@code name=host:port}. System properties:
 * {@code understudy.user}, {@code understudy.password}, {@code understudy.serverId}. Prints {@code
 * READY} once the capture streams, and {@code FAILED <why>} (then exits with 1) when the capture or
 * an applier stops by itself. Exits when its standard input closes, so that it cannot outlive the
 * test JVM that started it. {@link Child} is the test's side: it starts a holder and watches it.
 */
public final class ReplicatorHolder {

  private ReplicatorHolder() {}

  public static void main(String[] args) throws Exception {
    Thread orphanGuard = new Thread(ReplicatorHolder::haltWhenParentGoes, "holder-orphan-guard");
    orphanGuard.setDaemon(true);
    orphanGuard.start();

    Replicator replicator = new Replicator(config(args)).start();
    System.out.println("READY");
    System.out.flush();
    while (true) {
      String problem = problem(replicator);
      if (problem != null) {
        System.out.println("FAILED " + problem);
        System.out.flush();
        System.exit(1);
      }
      Thread.sleep(100); // a watchdog in a child JVM: there is no event to wait for
    }
  }

  static ReplicatorConfig config(String[] args) {
    List<ReplicatorConfig.Endpoint> nodes = new ArrayList<>();
    for (String arg : args) {
      String[] nameAndAddress = arg.split("=", 2);
      String[] hostAndPort = nameAndAddress[1].split(":", 2);
      nodes.add(
          new ReplicatorConfig.Endpoint(
              nameAndAddress[0], hostAndPort[0], Integer.parseInt(hostAndPort[1])));
    }
    return new ReplicatorConfig(
        nodes.get(0),
        nodes.subList(1, nodes.size()),
        System.getProperty("understudy.user"),
        System.getProperty("understudy.password"),
        Long.getLong("understudy.serverId", 5401),
        1_000);
  }

  private static String problem(Replicator replicator) {
    BinlogCapture capture = replicator.capture();
    if (capture.state() == BinlogCapture.State.FAILED) {
      return "capture: " + capture.failure();
    }
    for (ReplicaApplier applier : replicator.appliers()) {
      if (applier.state().isFinal()) {
        return applier.replica() + " " + applier.state() + ": " + applier.lastError();
      }
    }
    return null;
  }

  private static void haltWhenParentGoes() {
    InputStream in = System.in;
    try {
      while (in.read() >= 0) {
        // The parent never writes; only the end of the stream matters.
      }
    } catch (IOException e) {
      // Treated as the end of the stream.
    }
    Runtime.getRuntime().halt(2);
  }

  /** A started {@link ReplicatorHolder}: its output goes to a file, watched for its reports. */
  static final class Child {
    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** Starts a holder replicating {@code cluster}'s node 0 to the others. */
    static Child start(Cluster cluster, Path log) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Dunderstudy.user=" + cluster.users().replicator().user(),
              "-Dunderstudy.password=" + cluster.users().replicator().password(),
              "-cp",
              System.getProperty("java.class.path"),
              ReplicatorHolder.class.getName()));
      for (ClusterNode node : cluster.nodes()) {
        command.add(node.name() + "=" + node.host() + ":" + node.port());
      }
      return new Child(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
    }

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread pump = new Thread(this::pump, "crash-it-output-" + process.pid());
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
          if (line.equals("READY")) {
            ready.complete(null);
          } else if (line.startsWith("FAILED ")) {
            failure.set(line);
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

    void assertStillRunning() {
      assertThat(process.isAlive())
          .as(
              "replicator child %d stopped by itself: %s; see %s",
              process.pid(), failure.get(), log)
          .isTrue();
    }

    Process process() {
      return process;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
