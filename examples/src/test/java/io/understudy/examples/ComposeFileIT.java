package io.understudy.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code compose.yaml} is valid and describes the three database nodes. Docker cannot run here, so
 * the file is checked with {@code docker-compose config}; skipped where that tool is missing.
 */
class ComposeFileIT {

  private static final Path COMPOSE_FILE =
      Path.of("..", "compose.yaml").toAbsolutePath().normalize();

  @Test
  void composeFileIsValidAndDefinesThreeDatabaseNodesAndTheReplicator() throws Exception {
    assumeThat(onPath("docker-compose"))
        .as(
            "docker-compose is not installed (Debian package docker-compose): compose.yaml unchecked")
        .isTrue();
    assertThat(run("config", "--quiet")).isEmpty();
    assertThat(run("config", "--services").lines().sorted().toList())
        .containsExactly("db1", "db2", "db3", "prometheus", "replicator");
    // Prometheus only starts with its profile; the databases publish no port.
    String config = run("config");
    assertThat(config).containsPattern("prometheus:(?s).*profiles:\\s*- monitoring");
    assertThat(config).doesNotContain("3306:3306").doesNotContain(":3307");
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("docker-compose", "-f", COMPOSE_FILE.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
