package io.understudy.daemon.cli;

import io.understudy.daemon.config.ConfigException;
import io.understudy.daemon.config.ConfigLoader;
import io.understudy.daemon.run.Daemon;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run}: starts the admin server and the replicator, and keeps them running until the process
 * is told to stop (SIGTERM, Ctrl-C, or {@link #stop()}) or the capture fails.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the replicator and its admin HTTP server until stopped.")
public final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand UnderstudyCommand parent;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "the YAML configuration (docs/daemon.md)")
  Path config;

  private final CompletableFuture<Daemon> started = new CompletableFuture<>();
  private volatile Daemon daemon;

  @Override
  public Integer call() {
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.load(config, parent.env());
    } catch (ConfigException e) {
      parent.spec.commandLine().getErr().println(e.getMessage());
      started.completeExceptionally(e);
      return ExitCodes.USAGE;
    }
    loaded
        .unknownVariables()
        .forEach(
            name -> log.warn("event=config-warning variable={} matches no key; ignored", name));
    Thread hook = new Thread(this::stop, "understudy-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Daemon running = new Daemon(loaded.config(), Clock.systemUTC())) {
      this.daemon = running;
      try {
        running.start();
      } catch (Exception e) {
        parent.spec.commandLine().getErr().println("Cannot start: " + Failures.describe(e));
        started.completeExceptionally(e);
        return Failures.exitCode(e);
      }
      started.complete(running);
      return running.awaitExit();
    } finally {
      removeHook(hook);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run, which is what it is for.
    }
  }

  /** Completes once the replicator runs, or exceptionally if it could not start. */
  public CompletableFuture<Daemon> started() {
    return started;
  }

  /** Asks the running daemon to stop; {@link #call()} then closes it and returns. */
  public void stop() {
    Daemon current = daemon;
    if (current != null) {
      current.requestStop();
      current.awaitClosed();
    }
  }
}
