package io.understudy.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.understudy.daemon.admin.AdminClient;
import io.understudy.daemon.cli.Cli;
import io.understudy.daemon.run.Daemon;
import io.understudy.daemon.status.StatusJson;
import io.understudy.daemon.status.StatusReport;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon as an operator runs it, in-process through the {@code run} command against a real
 * 3-node cluster: its endpoints, {@code status} and {@code verify} against it (identical, then a
 * row changed behind the replicator's back on one replica), secrets in no output, and nothing left
 * behind (threads, port) once stopped.
 */
@ClusterTest(nodes = 3)
class DaemonIT {

  private static final String TOKEN = "it-admin-token-0123456789";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  @FreshCluster
  void runServesItsEndpointsStatusAndVerifyThenLeavesNothingBehind(
      Cluster cluster, TestSchema schema, @TempDir Path dir) throws Exception {
    String table = schema.name() + ".item";
    sql(cluster.node(0), cluster, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
    for (int i = 1; i <= 100; i++) {
      sql(cluster.node(0), cluster, "INSERT INTO " + table + " VALUES (" + i + ", 'v" + i + "')");
    }
    Path config = Files.writeString(dir.resolve("understudy.yaml"), yaml(cluster, schema));
    String password = cluster.users().replicator().password();
    Map<String, String> env =
        Map.of("UNDERSTUDY_CREDENTIALS_PASSWORD", password, "UNDERSTUDY_ADMIN_TOKEN", TOKEN);

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    StringWriter runOutput = new StringWriter();
    Cli cli = new Cli(env, new PrintWriter(runOutput), new PrintWriter(runOutput));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cli.execute("run", "--config", config.toString()),
            command -> new Thread(command, "it-daemon-run").start());
    int port;
    try {
      Daemon daemon = cli.run().started().get(120, TimeUnit.SECONDS);
      port = daemon.adminAddress().getPort();
      URI admin = URI.create("http://127.0.0.1:" + port);

      assertThat(AdminClient.get(admin.resolve("/health"), TIMEOUT))
          .isEqualTo(new AdminClient.Answer(200, "ok\n"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> AdminClient.get(admin.resolve("/ready"), TIMEOUT).status() == 200);
      List<String> replicas = List.of(cluster.node(1).name(), cluster.node(2).name());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                StatusReport status =
                    StatusJson.read(AdminClient.get(admin.resolve("/status"), TIMEOUT).body());
                assertThat(status.phase()).isEqualTo("RUNNING");
                assertThat(status.ready()).isTrue();
                assertThat(status.capture().state()).isEqualTo("RUNNING");
                assertThat(status.replicas())
                    .extracting(StatusReport.Replica::name)
                    .containsExactlyElementsOf(replicas);
                assertThat(status.replicas())
                    .allSatisfy(
                        r -> {
                          assertThat(r.applier()).isEqualTo("RUNNING");
                          assertThat(r.feed()).isEqualTo("ATTACHED");
                          assertThat(r.lagMillis()).isNotNull().isLessThan(5_000);
                          assertThat(r.appliedGtid()).isNotNull();
                        });
              });
      String metrics = AdminClient.get(admin.resolve("/metrics"), TIMEOUT).body();
      for (String replica : replicas) {
        assertThat(metrics)
            .containsPattern("understudy_replication_lag\\w*\\{[^}]*replica=\"" + replica + "\"");
      }
      assertThat(metrics).contains("jvm_memory_used_bytes", "understudy_replication_capture_state");
      assertThat(AdminClient.send("POST", admin.resolve("/status"), TIMEOUT, null).status())
          .isEqualTo(405);
      assertThat(AdminClient.get(admin.resolve("/nothing"), TIMEOUT).status()).isEqualTo(404);

      // status, as an operator runs it, from its own command line.
      Outcome json = command(env, "status", "--json", "--url", admin.toString());
      assertThat(json.code()).as(json.err()).isZero();
      assertThat(StatusJson.read(json.out()).replicas()).hasSize(2);
      Outcome tableView = command(env, "status", "--url", admin.toString());
      assertThat(tableView.code()).isZero();
      assertThat(tableView.out()).contains("REPLICA", replicas.get(0), replicas.get(1), "ATTACHED");

      // verify: identical once replicated, then a row changed behind the replicator's back.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  command(env, "verify", "--config", config.toString(), "--attempts", "1").code()
                      == 0);
      Outcome identical = command(env, "verify", "--config", config.toString());
      assertThat(identical.code()).isZero();
      assertThat(identical.out()).contains("identical: 1 replicated tables");
      ClusterNode drifted = cluster.node(2);
      try (Connection connection = drifted.connect(cluster.users().admin());
          Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
        statement.execute("UPDATE " + table + " SET v = 'changed' WHERE id = 37");
      }
      Outcome differs = command(env, "verify", "--config", config.toString());
      assertThat(differs.code()).as(differs.out() + differs.err()).isEqualTo(1);
      assertThat(differs.out())
          .contains("DIFFERS " + table + " on " + drifted.name())
          .contains("keys (id) from 37 to 37: 1 row on the primary, 1 on the replica")
          .doesNotContain(" on " + cluster.node(1).name() + ":")
          .contains("1 differing of 1 replicated tables");

      // Rows missing on a replica and rows only a replica holds are found too.
      try (Connection connection = cluster.node(1).connect(cluster.users().admin());
          Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
        statement.execute("DELETE FROM " + table + " WHERE id = 80");
        statement.execute("INSERT INTO " + table + " VALUES (1000, 'extra')");
      }
      Outcome both = command(env, "verify", "--config", config.toString(), "--attempts", "1");
      assertThat(both.code()).isEqualTo(1);
      assertThat(both.out())
          .contains("DIFFERS " + table + " on " + cluster.node(1).name())
          .contains("keys (id) from 80 to 80: 1 row on the primary, 0 on the replica")
          .contains("keys (id) from 1000 to 1000: 0 rows on the primary, 1 on the replica")
          .contains("keys (id) from 37 to 37");

      for (Outcome outcome : List.of(json, tableView, identical, differs, both)) {
        assertThat(outcome.out() + outcome.err()).doesNotContain(password).doesNotContain(TOKEN);
      }
    } finally {
      cli.run().stop();
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).as(runOutput.toString()).isZero();
    root.detachAppender(logs);

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    await()
        .pollInSameThread() // Awaitility's own polling thread would count as left behind
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(newThreads(threadsBefore)).isEmpty());
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.startsWith("event=running"))
        .anyMatch(line -> line.startsWith("event=stopped"))
        .noneMatch(line -> line.contains(password) || line.contains(TOKEN));
    assertThat(runOutput.toString()).doesNotContain(password).doesNotContain(TOKEN);
  }

  /** Threads started since {@code before} that are still alive, JVM-wide pools aside. */
  private static List<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        // The JDK's shared pool and the test's own thread outlive any one user by design.
        .filter(
            name -> !name.startsWith("ForkJoinPool.commonPool") && !name.equals("it-daemon-run"))
        .sorted()
        .collect(Collectors.toList());
  }

  private record Outcome(int code, String out, String err) {}

  private static Outcome command(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Cli(env, new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static String yaml(Cluster cluster, TestSchema schema) {
    StringBuilder yaml = new StringBuilder("nodes:\n");
    for (ClusterNode node : cluster.nodes()) {
      yaml.append("  - name: ")
          .append(node.name())
          .append('\n')
          .append("    host: ")
          .append(node.host())
          .append('\n')
          .append("    port: ")
          .append(node.port())
          .append('\n')
          .append("    primary: ")
          .append(node == cluster.node(0))
          .append('\n');
    }
    return yaml
        + "credentials:\n  user: "
        + cluster.users().replicator().user()
        + "\nreplication:\n  heartbeatInterval: 100ms\n  filter:\n    includeSchemas: ["
        + schema.name()
        + "]\nadmin:\n  port: 0\n";
  }

  private static void sql(ClusterNode node, Cluster cluster, String statement) throws Exception {
    try (Connection connection = node.connect(cluster.users().app());
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
