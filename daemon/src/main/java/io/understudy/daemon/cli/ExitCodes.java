package io.understudy.daemon.cli;

/** The process's exit codes; docs/daemon.md lists them for operators and scripts. */
public final class ExitCodes {

  /** Done; {@code verify}: identical; {@code status}: ready; {@code run}: stopped on request. */
  public static final int OK = 0;

  /**
   * {@code verify}: differences found; {@code status}: the daemon answers but is not ready; {@code
   * run}: replication failed (a node refused, the capture stopped).
   */
  public static final int FAILED = 1;

  /** Bad command line or configuration: nothing was started. */
  public static final int USAGE = 2;

  /** A database node or the admin server could not be reached, or refused the credentials. */
  public static final int CANNOT_CONNECT = 3;

  /** An unexpected error (a bug): the stack trace is printed. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
