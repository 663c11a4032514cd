package io.understudy.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits until a freshly started server answers a query, or explains why it never will. */
final class Readiness {

  private static final Duration POLL = Duration.ofMillis(20);

  private Readiness() {}

  /**
   * Returns once {@code node} answers {@code SELECT 1} as {@code credentials}; throws when the
   * process dies first ({@code alive} turns false) or after {@code timeout}, with {@code
   * diagnostics} (the end of the server's log) in the message.
   */
  static void await(
      ClusterNode node,
      Credentials credentials,
      Duration timeout,
      BooleanSupplier alive,
      Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        throw new ServerExited(node.name() + " exited during start-up; " + diagnostics.get());
      }
      try (Connection connection = node.connect(credentials);
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT 1");
        return;
      } catch (SQLException e) {
        last = e;
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    throw new ClusterStartException(
        node.name()
            + " did not accept connections within "
            + timeout.toSeconds()
            + " s; "
            + diagnostics.get(),
        last);
  }

  /** The server process ended before it accepted a connection. */
  static final class ServerExited extends ClusterStartException {
    ServerExited(String message) {
      super(message);
    }
  }
}
