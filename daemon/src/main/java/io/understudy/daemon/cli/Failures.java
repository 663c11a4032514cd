package io.understudy.daemon.cli;

import io.understudy.daemon.config.ConfigException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Which exit code an expected failure means (a database or server that cannot be reached, a bad
 * configuration, or else a failed operation), decided in one place for every command. Unexpected
 * exceptions escape the commands and become {@link ExitCodes#INTERNAL}.
 */
final class Failures {

  private Failures() {}

  static int exitCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigException) {
        return ExitCodes.USAGE;
      }
      if (t instanceof ConnectException
          || t instanceof SocketTimeoutException
          || t instanceof UnknownHostException) {
        return ExitCodes.CANNOT_CONNECT;
      }
      if (t instanceof SQLException sql && cannotConnect(sql.getSQLState())) {
        return ExitCodes.CANNOT_CONNECT;
      }
    }
    return ExitCodes.FAILED;
  }

  /** Class 08 is a connection failure; 28000 is access denied (wrong user or password). */
  private static boolean cannotConnect(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("28000"));
  }

  /** The failure's messages along its cause chain, without repeats; never a stack trace. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    String previous = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (previous == null || !previous.contains(message))) {
        text.append(text.length() == 0 ? "" : ": caused by ").append(message);
        previous = message;
      }
    }
    return text.length() == 0 ? failure.getClass().getName() : text.toString();
  }
}
