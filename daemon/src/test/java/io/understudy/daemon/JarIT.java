package io.understudy.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.daemon.admin.AdminClient;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar that {@code package} built, as {@code bin/understudy-replicator} runs it, in a
 * JVM of its own with nothing but the jar: {@code --help} and {@code --version}, and {@code run}
 * against a real cluster until SIGTERM, which proves the shaded jar holds what Debezium, Kafka
 * Connect and Flyway load at run time (service files merged, nothing missing).
 */
@ClusterTest(nodes = 2)
class JarIT {

  private static final Path JAR = Path.of("target", "understudy-replicator.jar");
  private static final Path SCRIPT = Path.of("bin", "understudy-replicator");

  record Run(int code, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private static List<String> javaJar(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void theJarShowsItsHelpAndVersion() throws Exception {
    assertThat(JAR).isRegularFile();

    Run help = run(javaJar("--help"));
    assertThat(help.code()).as(help.output()).isZero();
    assertThat(help.output())
        .contains("Usage: understudy-replicator", "run", "status", "verify", "Exit codes:");

    Run version = run(javaJar("--version"));
    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("understudy-replicator ").doesNotContain("unknown");

    Run bad = run(javaJar("run"));
    assertThat(bad.code()).as(bad.output()).isEqualTo(2);
    assertThat(bad.output()).contains("Missing required option");
  }

  @Test
  void theJarReplicatesUntilSigterm(Cluster cluster, @TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringBuilder yaml = new StringBuilder("nodes:\n");
    for (ClusterNode node : cluster.nodes()) {
      yaml.append(
          "  - {name: %s, host: %s, port: %d, primary: %b}\n"
              .formatted(node.name(), node.host(), node.port(), node == cluster.node(0)));
    }
    yaml.append("credentials: {user: %s}\n".formatted(cluster.users().replicator().user()));
    yaml.append("admin: {port: %d}\n".formatted(port));
    Path config = Files.writeString(dir.resolve("understudy.yaml"), yaml);
    Path log = dir.resolve("daemon.log");
    ProcessBuilder builder =
        new ProcessBuilder(javaJar("run", "--config", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .put("UNDERSTUDY_CREDENTIALS_PASSWORD", cluster.users().replicator().password());
    Process process = builder.start();
    try {
      URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("the daemon exited: " + log, () -> !process.isAlive())
          .until(() -> AdminClient.get(ready, Duration.ofSeconds(2)).status() == 200);

      process.destroy(); // SIGTERM: the shutdown hook closes everything in order
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(log))
          .contains("event=running", "event=stopping", "event=stopped")
          .doesNotContain(cluster.users().replicator().password());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void theStartScriptRunsTheJar() throws Exception {
    assertThat(Files.isExecutable(SCRIPT)).isTrue();

    Run version = run(List.of("sh", SCRIPT.toString(), "verify", "--help"));

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).contains("Usage: understudy-replicator verify");
  }
}
