package io.understudy.daemon.cli;

import io.understudy.daemon.admin.AdminClient;
import io.understudy.daemon.config.ConfigException;
import io.understudy.daemon.config.ConfigLoader;
import io.understudy.daemon.config.DaemonConfig;
import io.understudy.daemon.status.StatusJson;
import io.understudy.daemon.status.StatusReport;
import io.understudy.daemon.status.StatusTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code status}: asks a running daemon's admin server for {@code /status} and shows it. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show a running daemon's state, asked from its admin server.",
      "Per replica: lag, applied position, queue depth, feed (attached or detached, and why),",
      "applier state; and the capture's state.",
      "Exit code 0 when the daemon is ready, 1 when it answers but is not, 3 when it cannot be",
      "reached."
    })
final class StatusCommand implements Callable<Integer> {

  @ParentCommand UnderstudyCommand parent;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        description = "the daemon's configuration: asks admin.bind:admin.port")
    Path config;

    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "the admin server's address, e.g. http://127.0.0.1:8089")
    URI url;
  }

  @Option(names = "--json", description = "print the daemon's JSON instead of a table")
  boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "how long to wait for the daemon (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    URI base;
    try {
      base = target.url != null ? target.url : adminUrl(target.config);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    URI uri = base.resolve("/status");
    String body;
    try {
      AdminClient.Answer answer = AdminClient.get(uri, Duration.ofSeconds(timeoutSeconds));
      if (answer.status() != 200) {
        err.println(uri + " answered " + answer.status() + ": " + answer.body());
        return ExitCodes.FAILED;
      }
      body = answer.body();
    } catch (IOException e) {
      err.println("Cannot reach the daemon at " + uri + ": " + Failures.describe(e));
      return Failures.exitCode(e) == ExitCodes.CANNOT_CONNECT
          ? ExitCodes.CANNOT_CONNECT
          : ExitCodes.FAILED;
    }
    StatusReport report;
    try {
      report = StatusJson.read(body);
    } catch (IOException e) {
      err.println(uri + " did not answer a status report: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    out.print(json ? body : StatusTable.render(report));
    out.flush();
    return report.ready() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private URI adminUrl(Path config) throws ConfigException {
    DaemonConfig.Admin admin = ConfigLoader.load(config, parent.env()).config().admin();
    String host =
        admin.bind().equals("0.0.0.0") || admin.bind().equals("::") ? "127.0.0.1" : admin.bind();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port());
  }
}
