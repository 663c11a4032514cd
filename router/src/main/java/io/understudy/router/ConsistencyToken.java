package io.understudy.router;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A position in the primary's history: for each GTID domain, the newest transaction a reader must
 * see. Obtain one after writing ({@link ReplicatedConnection#consistencyToken()}), carry its text
 * anywhere (an HTTP header, a message), and hand it to another connection, even of another data
 * source ({@link ReplicatedConnection#readAfter}): that connection's reads then run only where the
 * token's transactions have been applied.
 *
 * <p>The text is MariaDB's GTID list, {@code domain-server-sequence} entries separated by commas,
 * such as {@code 0-1-42}; the empty text is the token that requires nothing. Within a domain,
 * sequence numbers only grow (GTID strict mode), so a replica that applied sequence {@code n} of a
 * domain has applied everything before it there.
 */
public final class ConsistencyToken {

  // Domains and sequences are unsigned 32-bit and 64-bit numbers in MariaDB; more domains than
  // this in a header is not a token but an attack or a mistake.
  private static final int MAX_DOMAINS = 256;
  private static final ConsistencyToken NONE = new ConsistencyToken(Map.of());

  private final Map<Long, Gtid> byDomain;

  /** One transaction's id: a sequence number is only comparable within its domain. */
  private record Gtid(long domain, long server, long sequence) {
    @Override
    public String toString() {
      return Long.toUnsignedString(domain)
          + "-"
          + Long.toUnsignedString(server)
          + "-"
          + Long.toUnsignedString(sequence);
    }
  }

  private ConsistencyToken(Map<Long, Gtid> byDomain) {
    this.byDomain = byDomain;
  }

  /** The token that requires nothing: reads may run anywhere. */
  public static ConsistencyToken none() {
    return NONE;
  }

  /**
   * The token written as {@code text}: GTIDs {@code domain-server-sequence} separated by commas,
   * blanks around them ignored; {@code null} or blank is {@link #none()}. Of two GTIDs of one
   * domain the higher sequence counts.
   *
   * @throws IllegalArgumentException naming the part that is not a GTID
   */
  public static ConsistencyToken parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    String[] parts = text.split(",", -1);
    if (parts.length > MAX_DOMAINS) {
      throw new IllegalArgumentException(
          "A consistency token holds at most " + MAX_DOMAINS + " GTIDs, got " + parts.length);
    }
    Map<Long, Gtid> byDomain = new TreeMap<>(Long::compareUnsigned);
    for (String part : parts) {
      Gtid gtid = gtid(part.strip(), text);
      byDomain.merge(gtid.domain(), gtid, ConsistencyToken::newer);
    }
    return new ConsistencyToken(Collections.unmodifiableMap(byDomain));
  }

  private static Gtid gtid(String part, String text) {
    String[] numbers = part.split("-", -1);
    try {
      if (numbers.length == 3) {
        return new Gtid(
            Integer.toUnsignedLong(Integer.parseUnsignedInt(numbers[0])),
            Integer.toUnsignedLong(Integer.parseUnsignedInt(numbers[1])),
            Long.parseUnsignedLong(numbers[2]));
      }
    } catch (NumberFormatException e) {
      // Reported below with the whole text.
    }
    throw new IllegalArgumentException(
        "Not a consistency token: '"
            + abbreviate(text)
            + "'; expected GTIDs domain-server-sequence separated by commas, like 0-1-42, but '"
            + abbreviate(part)
            + "' is not one");
  }

  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "...";
  }

  private static Gtid newer(Gtid a, Gtid b) {
    return Long.compareUnsigned(a.sequence(), b.sequence()) >= 0 ? a : b;
  }

  /** Whether this token requires nothing. */
  public boolean isEmpty() {
    return byDomain.isEmpty();
  }

  /** A token that requires what this one and {@code other} require. */
  public ConsistencyToken merge(ConsistencyToken other) {
    if (other.isEmpty() || other.equals(this)) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Map<Long, Gtid> merged = new TreeMap<>(Long::compareUnsigned);
    merged.putAll(byDomain);
    other.byDomain.values().forEach(g -> merged.merge(g.domain(), g, ConsistencyToken::newer));
    return new ConsistencyToken(Collections.unmodifiableMap(merged));
  }

  /**
   * Whether a node that has applied {@code applied} has applied every transaction this token
   * requires: for each of this token's domains, {@code applied} holds the same or a higher
   * sequence.
   */
  public boolean isCoveredBy(ConsistencyToken applied) {
    for (Gtid required : byDomain.values()) {
      Gtid reached = applied.byDomain.get(required.domain());
      if (reached == null || Long.compareUnsigned(reached.sequence(), required.sequence()) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The text form, which {@link #parse} reads back: {@code 0-1-42}, or empty for none. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Gtid gtid : byDomain.values()) {
      text.append(text.length() == 0 ? "" : ",").append(gtid);
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyToken other && byDomain.equals(other.byDomain);
  }

  @Override
  public int hashCode() {
    return Objects.hash(byDomain);
  }
}
