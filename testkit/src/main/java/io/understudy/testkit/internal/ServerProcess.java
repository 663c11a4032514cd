package io.understudy.testkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A database server process started through a small {@code sh} wrapper that keeps a pipe from this
 * JVM open. When the JVM dies for any reason, even SIGKILL where no shutdown hook runs, the pipe
 * closes and the wrapper's watchdog kills the server: tests never leave servers behind.
 *
 * <p>The wrapper also reaps the server, so "the wrapper exited" means "the server is gone".
 */
public final class ServerProcess {

  /**
   * $1 is the server's output file, the rest is the server's command line. fd 3 keeps the pipe from
   * the JVM for the watchdog; background lists get /dev/null as stdin, hence the explicit redirect.
   * The watchdog only kills while the wrapper ($$) lives, i.e. while the server's pid cannot have
   * been reused.
   */
  private static final String WRAPPER =
      """
      out=$1; shift
      exec 3<&0
      "$@" </dev/null >>"$out" 2>&1 3<&- &
      server=$!
      echo "$server"
      ( cat <&3 >/dev/null; kill -0 $$ 2>/dev/null && kill -KILL "$server" 2>/dev/null ) &
      exec 3<&-
      wait "$server"
      """;

  private final Process wrapper;
  private final long pid;

  private ServerProcess(Process wrapper, long pid) {
    this.wrapper = wrapper;
    this.pid = pid;
  }

  /** Starts {@code command}, its stdout and stderr appended to {@code output}. */
  public static ServerProcess start(List<String> command, Path output) throws IOException {
    List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "understudy-server"));
    full.add(output.toString());
    full.addAll(command);
    Process wrapper = new ProcessBuilder(full).redirectErrorStream(true).start();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || !line.matches("\\d+")) {
      wrapper.destroyForcibly();
      throw new IOException("Server wrapper did not report a pid (got " + line + ")");
    }
    ServerProcess process = new ServerProcess(wrapper, Long.parseLong(line));
    // Release the watchdog as soon as the server is gone, so it never outlives its purpose.
    wrapper.onExit().thenRun(process::releaseWatchdog);
    return process;
  }

  public long pid() {
    return pid;
  }

  public boolean isAlive() {
    return wrapper.isAlive();
  }

  /** Sends a signal by name ({@code STOP}, {@code CONT}, ...) to the server. */
  public void signal(String name) {
    if (!isAlive()) {
      throw new IllegalStateException("Server process " + pid + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + name + " " + pid).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not signal server process " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signalling " + pid, e);
    }
  }

  /** SIGKILL; returns once the process is gone. */
  public void kill() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(30));
  }

  /**
   * SIGTERM, then SIGKILL if the server has not shut down within {@code grace}; returns once the
   * process is gone.
   */
  public void terminate(Duration grace) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (!awaitExit(grace)) {
      kill();
    }
  }

  /** Waits up to {@code timeout} for the server to exit; true if it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return wrapper.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void releaseWatchdog() {
    try {
      wrapper.getOutputStream().close();
    } catch (IOException e) {
      // The pipe is already closed: nothing left to release.
    }
  }
}
