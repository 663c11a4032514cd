package io.understudy.testkit.internal;

import io.understudy.testkit.ClusterStartException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short helper programs (installers, key tools) whose failure stops a cluster start. */
final class Commands {

  private Commands() {}

  /**
   * Runs {@code command} with {@code stdin} as its input and its output in {@code log}; throws with
   * the end of the log when it fails or outlives {@code timeoutSeconds}.
   */
  static void run(List<String> command, String stdin, Path log, long timeoutSeconds) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure(command, "did not finish within " + timeoutSeconds + " s", log);
      }
      if (process.exitValue() != 0) {
        throw failure(command, "exited with " + process.exitValue(), log);
      }
    } catch (IOException e) {
      throw new ClusterStartException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterStartException("Interrupted while running " + command.get(0), e);
    }
  }

  private static ClusterStartException failure(List<String> command, String what, Path log) {
    return new ClusterStartException(
        command.get(0)
            + " "
            + what
            + "; its output ("
            + log
            + ") ends with:\n"
            + Logs.tail(log, 20));
  }
}
