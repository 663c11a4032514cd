package io.understudy.daemon.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: only lists the others; every command shares its environment. */
@Command(
    name = "understudy-replicator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Replicates a MariaDB/MySQL primary to its replicas, each transaction exactly once.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ok",
      "  1  differences found (verify), not ready (status), replication failed (run)",
      "  2  bad usage or configuration",
      "  3  cannot connect to a database node or the admin server",
      "  4  unexpected error",
      "%nSee docs/daemon.md for the configuration file and every key."
    })
final class UnderstudyCommand implements Callable<Integer> {

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  UnderstudyCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("A command is needed: run, status or verify.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
