package io.understudy.router;

/**
 * A password. Its {@code toString()} masks it, because configuration objects end up in logs,
 * exception messages and bug reports, none of which may hold credentials.
 *
 * <p>There is no {@code equals}: nothing in the router compares passwords, so two secrets are equal
 * only if they are the same object.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a password; {@code null} and {@code ""} both mean "no password". */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** No password, for accounts that authenticate without one. */
  public static Secret empty() {
    return EMPTY;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** The password itself. Call it only where the password is handed to the driver. */
  public String reveal() {
    return value;
  }

  /** Always {@code ****}, even when empty, so that output does not tell whether one is set. */
  @Override
  public String toString() {
    return "****";
  }
}
