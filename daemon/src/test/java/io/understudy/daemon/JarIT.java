package io.understudy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar that {@code package} built, as {@code bin/understudy-replicator} runs it: {@code
 * --help} and {@code --version} from a JVM of its own, with nothing but the jar.
 */
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
  void theStartScriptRunsTheJar() throws Exception {
    assertThat(Files.isExecutable(SCRIPT)).isTrue();

    Run version = run(List.of("sh", SCRIPT.toString(), "verify", "--help"));

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).contains("Usage: understudy-replicator verify");
  }
}
