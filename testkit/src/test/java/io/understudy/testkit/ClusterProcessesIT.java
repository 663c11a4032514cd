package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No server process outlives its cluster: not after close(), not after the JVM exits or dies. */
class ClusterProcessesIT {

  @TempDir Path directory;

  @Test
  void closeStopsEveryServerProcess() {
    EmbeddedCluster cluster =
        EmbeddedCluster.start(ClusterOptions.fromSystemProperties(2).withDirectory(directory));
    List<Long> pids = cluster.nodes().stream().map(ClusterNode::pid).toList();
    assertThat(processesMentioning(cluster.directory())).isNotEmpty();

    cluster.close();

    assertThat(pids).allSatisfy(pid -> assertThat(isRunning(pid)).isFalse());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(processesMentioning(cluster.directory())).isEmpty());
    assertThat(cluster.directory()).doesNotExist();
  }

  @Test
  void jvmExitWithoutCloseStopsEveryServerProcess() throws Exception {
    assertNoServerOutlives("exit");
  }

  @Test
  void jvmKilledWithSigkillStopsEveryServerProcess() throws Exception {
    assertNoServerOutlives("hang");
  }

  private void assertNoServerOutlives(String mode) throws Exception {
    Process child = startHolder(mode);
    Path clusterDirectory;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      clusterDirectory = Path.of(awaitReadyLine(out).substring("READY ".length()));
      assertThat(processesMentioning(clusterDirectory)).isNotEmpty();
      if (mode.equals("hang")) {
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs.
      }
      assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(processesMentioning(clusterDirectory)).isEmpty());
  }

  private Process startHolder(String mode) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ClusterHolder.class.getName(),
            directory.toString(),
            mode)
        .redirectError(directory.resolve("holder-" + mode + ".err").toFile())
        .start();
  }

  private static String awaitReadyLine(BufferedReader out) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("READY ")) {
        return line;
      }
    }
    throw new AssertionError("The child JVM ended before its cluster was ready");
  }

  static List<ProcessHandle> processesMentioning(Path path) {
    String needle = path.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(needle)).orElse(false))
        .toList();
  }

  private static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        && Files.exists(Path.of("/proc", String.valueOf(pid)));
  }
}
