package io.understudy.router;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How reads are spread over the healthy replicas. */
public enum Balancing {
  /** Each read goes to the next healthy replica in turn. */
  ROUND_ROBIN,
  /** Round-robin in proportion to {@link ReplicaConfig#weight()}: weight 2 gets twice the reads. */
  WEIGHTED_ROUND_ROBIN,
  /**
   * Each read goes to the healthy replica with the fewest reads in flight from this data source.
   */
  LEAST_OUTSTANDING;

  /** The name as written in configuration, such as {@code weighted-round-robin}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The policy called {@code text}, ignoring case and surrounding blanks, written either as the
   * constant ({@code WEIGHTED_ROUND_ROBIN}) or in kebab-case ({@code weighted-round-robin}).
   */
  public static Optional<Balancing> named(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String constant = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(b -> b.name().equals(constant)).findFirst();
  }

  /** The accepted names, for messages and docs. */
  static String allowed() {
    return Arrays.stream(values()).map(Balancing::key).collect(Collectors.joining(", "));
  }
}
