package io.understudy.router;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a read on a replica is guaranteed to see: docs/routing.md, "Read your writes". */
public enum Consistency {
  /** Whatever the replica has applied so far: a read may miss the connection's own last write. */
  EVENTUAL,
  /**
   * Every write the logical connection committed: its reads go only to replicas that applied them,
   * waiting up to {@code causalReadTimeout} for one, else to the primary.
   */
  READ_YOUR_WRITES;

  /** The name as written in configuration, such as {@code read-your-writes}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The setting called {@code text}, ignoring case and surrounding blanks, written either as the
   * constant ({@code READ_YOUR_WRITES}) or in kebab-case ({@code read-your-writes}).
   */
  public static Optional<Consistency> named(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String constant = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(c -> c.name().equals(constant)).findFirst();
  }

  /** The accepted names, for messages and docs. */
  static String allowed() {
    return Arrays.stream(values()).map(Consistency::key).collect(Collectors.joining(", "));
  }
}
