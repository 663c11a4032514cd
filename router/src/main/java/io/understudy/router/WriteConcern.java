package io.understudy.router;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** When a write counts as done for the application: docs/routing.md, "Write concern". */
public enum WriteConcern {
  /**
   * When the primary committed it. A failover may lose what the replicator had not applied yet
   * (docs/failover.md, "What a failover can lose").
   */
  ASYNC,
  /**
   * When the primary committed it and at least one replica applied it, waited for up to {@code
   * replicationTimeout}; after that the caller gets a {@link ReplicationTimeoutException}.
   */
  REPLICATED;

  /** The name as written in configuration, such as {@code replicated}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The setting called {@code text}, ignoring case and surrounding blanks. */
  public static Optional<WriteConcern> named(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String constant = text.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.name().equals(constant)).findFirst();
  }

  /** The accepted names, for messages and docs. */
  static String allowed() {
    return Arrays.stream(values()).map(WriteConcern::key).collect(Collectors.joining(", "));
  }
}
