package io.understudy.daemon.cli;

import io.understudy.daemon.config.ConfigException;
import io.understudy.daemon.config.ConfigLoader;
import io.understudy.daemon.config.DaemonConfig;
import io.understudy.daemon.verify.RangeDifference;
import io.understudy.daemon.verify.TableDifference;
import io.understudy.daemon.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verify}: compares the primary's replicated tables with every replica's. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compare the primary's replicated tables with every replica's.",
      "CHECKSUM TABLE ... EXTENDED per table, then a differing table is narrowed down to key",
      "ranges by comparing checksums of primary-key ranges. Connects to the nodes itself;",
      "no daemon is needed. Exit code 0 when identical, 1 when a table differs, 3 when a node",
      "cannot be reached."
    })
final class VerifyCommand implements Callable<Integer> {

  @ParentCommand UnderstudyCommand parent;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "the daemon's configuration: nodes, credentials, filter")
  Path config;

  @Option(
      names = "--depth",
      defaultValue = "20",
      description = "halve a differing key range at most this often (default: ${DEFAULT-VALUE})")
  int depth;

  @Option(
      names = "--max-ranges",
      defaultValue = "10",
      description =
          "report at most this many ranges per table and replica (default: ${DEFAULT-VALUE})")
  int maxRanges;

  @Option(
      names = "--attempts",
      defaultValue = "3",
      description =
          "check a differing table this often, a second apart, before reporting it, so that"
              + " replication lag is not reported (default: ${DEFAULT-VALUE})")
  int attempts;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    if (depth < 0 || maxRanges < 1 || attempts < 1) {
      err.println("--depth must be at least 0, --max-ranges and --attempts at least 1");
      return ExitCodes.USAGE;
    }
    DaemonConfig loaded;
    try {
      loaded = ConfigLoader.load(config, parent.env()).config();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    Verifier.Report report;
    try {
      report =
          new Verifier(
                  loaded, new Verifier.Options(depth, maxRanges, attempts, Duration.ofSeconds(1)))
              .verify();
    } catch (SQLException e) {
      err.println("verify failed: " + Failures.describe(e));
      return Failures.exitCode(e);
    }
    for (TableDifference difference : report.differences()) {
      out.println(
          "DIFFERS "
              + difference.table()
              + " on "
              + difference.replica()
              + ": "
              + difference.reason());
      for (RangeDifference range : difference.ranges()) {
        out.println("  " + range);
      }
    }
    long differing = report.differences().stream().map(TableDifference::table).distinct().count();
    out.println(
        (differing == 0 ? "identical: " : differing + " differing of ")
            + report.tables().size()
            + " replicated tables on "
            + loaded.primary().name()
            + ", compared with "
            + String.join(", ", report.replicas()));
    return differing == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
