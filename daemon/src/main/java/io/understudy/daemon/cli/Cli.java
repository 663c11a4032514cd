package io.understudy.daemon.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code understudy-replicator} command line: parses the arguments, runs one command, returns
 * its exit code ({@link ExitCodes}). Output and environment are passed in, so that tests run
 * commands in-process and {@link io.understudy.daemon.Main} alone calls {@code System.exit}.
 */
public final class Cli {

  private final CommandLine commandLine;
  private final RunCommand run;

  public Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
    UnderstudyCommand top = new UnderstudyCommand(env);
    this.run = new RunCommand();
    this.commandLine =
        new CommandLine(top)
            .addSubcommand("run", run)
            .addSubcommand("status", new StatusCommand())
            .addSubcommand("verify", new VerifyCommand())
            .addSubcommand(new CommandLine.HelpCommand())
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler(
                (failure, line, parsed) -> {
                  line.getErr().println("Unexpected error (please report it):");
                  failure.printStackTrace(line.getErr());
                  line.getErr().flush();
                  return ExitCodes.INTERNAL;
                });
    commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    commandLine.getSubcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .forEach(spec -> spec.exitCodeOnInvalidInput(ExitCodes.USAGE));
  }

  public int execute(String... args) {
    int code = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return code;
  }

  /** The {@code run} command's object: tests stop an in-process daemon through it. */
  public RunCommand run() {
    return run;
  }
}
