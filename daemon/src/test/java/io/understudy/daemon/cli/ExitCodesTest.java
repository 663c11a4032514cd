package io.understudy.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.daemon.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The documented exit codes, for each way a command line can end without a database. */
class ExitCodesTest {

  @TempDir static Path dir;
  static int closedPort;
  static int freeAdminPort;

  @BeforeAll
  static void files() throws IOException {
    try (ServerSocket socket = new ServerSocket(0);
        ServerSocket other = new ServerSocket(0)) {
      // Free again once closed: nothing listens there.
      closedPort = socket.getLocalPort();
      freeAdminPort = other.getLocalPort();
    }
    Files.writeString(dir.resolve("bad.yaml"), "nodes: []\nadmin:\n  port: 123456\n");
    Files.writeString(
        dir.resolve("unreachable.yaml"),
        """
        nodes:
          - {name: db1, host: 127.0.0.1, port: %d, primary: true}
          - {name: db2, host: 127.0.0.1, port: %d}
        credentials: {user: replicator}
        admin: {port: %d}
        """
            .formatted(closedPort, closedPort, freeAdminPort));
  }

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Cli cli =
        new Cli(
            Map.of("UNDERSTUDY_CREDENTIALS_PASSWORD", "secret-password-123"),
            new PrintWriter(out),
            new PrintWriter(err));
    return new Outcome(cli.execute(args), out.toString(), err.toString());
  }

  static Stream<Arguments> commandLines() {
    String bad = dir.resolve("bad.yaml").toString();
    String missing = dir.resolve("absent.yaml").toString();
    String unreachable = dir.resolve("unreachable.yaml").toString();
    return Stream.of(
        Arguments.of(List.of("--help"), ExitCodes.OK, "Exit codes:"),
        Arguments.of(List.of("--version"), ExitCodes.OK, "understudy-replicator "),
        Arguments.of(List.of("run", "--help"), ExitCodes.OK, "--config"),
        Arguments.of(List.of("status", "--help"), ExitCodes.OK, "--json"),
        Arguments.of(List.of("verify", "--help"), ExitCodes.OK, "--depth"),
        Arguments.of(List.of("help", "verify"), ExitCodes.OK, "--max-ranges"),
        Arguments.of(List.of(), ExitCodes.USAGE, "A command is needed"),
        Arguments.of(List.of("switchover"), ExitCodes.USAGE, "Unmatched argument"),
        Arguments.of(List.of("run"), ExitCodes.USAGE, "Missing required option"),
        Arguments.of(List.of("run", "--config", missing), ExitCodes.USAGE, "cannot read"),
        Arguments.of(List.of("run", "--config", bad), ExitCodes.USAGE, "admin.port: must be"),
        Arguments.of(List.of("verify", "--config", bad), ExitCodes.USAGE, "nodes: at least two"),
        Arguments.of(List.of("status"), ExitCodes.USAGE, "Missing required argument"),
        Arguments.of(
            List.of("verify", "--config", unreachable, "--depth", "-1"),
            ExitCodes.USAGE,
            "--depth"),
        Arguments.of(
            List.of("status", "--url", "http://127.0.0.1:" + closedPort),
            ExitCodes.CANNOT_CONNECT,
            "Cannot reach the daemon"),
        Arguments.of(
            List.of("status", "--config", unreachable),
            ExitCodes.CANNOT_CONNECT,
            "Cannot reach the daemon"),
        Arguments.of(
            List.of("verify", "--config", unreachable),
            ExitCodes.CANNOT_CONNECT,
            "Cannot connect to db1"),
        Arguments.of(
            List.of("run", "--config", unreachable), ExitCodes.CANNOT_CONNECT, "Cannot start"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("commandLines")
  void exitCodeAndMessage(List<String> args, int code, String shown) {
    Outcome outcome = run(args.toArray(String[]::new));

    assertThat(outcome.code()).as("exit code; err: %s", outcome.err()).isEqualTo(code);
    assertThat(outcome.out() + outcome.err()).contains(shown);
    assertThat(outcome.out() + outcome.err()).doesNotContain("secret-password-123");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConfigException(List.of("x")), ExitCodes.USAGE),
        Arguments.of(new ConnectException("refused"), ExitCodes.CANNOT_CONNECT),
        Arguments.of(new SQLException("link failure", "08S01"), ExitCodes.CANNOT_CONNECT),
        Arguments.of(new SQLException("access denied", "28000"), ExitCodes.CANNOT_CONNECT),
        Arguments.of(
            new IllegalStateException("wrapped", new SQLException("gone", "08001")),
            ExitCodes.CANNOT_CONNECT),
        Arguments.of(new SQLException("syntax", "42000"), ExitCodes.FAILED),
        Arguments.of(new IllegalStateException("binlog off"), ExitCodes.FAILED));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("failures")
  void failuresMapToExitCodes(Throwable failure, int code) {
    assertThat(Failures.exitCode(failure)).isEqualTo(code);
  }

  @Test
  void describeFollowsTheCauseChainWithoutRepeats() {
    SQLException cause = new SQLException("Connection refused");
    assertThat(
            Failures.describe(new SQLException("Cannot connect to db1: Connection refused", cause)))
        .isEqualTo("Cannot connect to db1: Connection refused");
  }
}
