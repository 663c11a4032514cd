package io.understudy.daemon.config;

import java.util.Objects;

/**
 * A password or token. {@link #toString()} masks it so that no log line, exception message or
 * printed configuration can carry it by accident; only {@link #reveal()} hands it out, at the point
 * where a connection or a comparison needs it.
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
