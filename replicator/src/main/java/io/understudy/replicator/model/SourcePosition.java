package io.understudy.replicator.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a source transaction sits in the primary's binary log.
 *
 * <p>The GTID is what resuming relies on: capture restarts right after it. File and position are
 * for people and logs: Debezium reports where the transaction begins, not where it ends.
 *
 * <p>A GTID belongs to a <em>stream</em> within which its sequence numbers grow with commit order:
 * on MariaDB the GTID domain ({@code 0-1-42}: stream {@code 0}, sequence 42; the server id in the
 * middle does not matter, gtid_strict_mode keeps sequences increasing across servers), on MySQL the
 * source server's UUID ({@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:42}: that UUID, sequence 42;
 * with a MySQL 8.3+ tag, {@code uuid:tag:42} is stream {@code uuid:tag}). Positions of different
 * streams are not ordered.
 *
 * @param gtid MariaDB {@code domain-server-sequence} or MySQL {@code source_uuid[:tag]:sequence}
 * @param file binlog file of the transaction
 * @param position binlog position of the transaction's start
 */
public record SourcePosition(String gtid, String file, long position) {

  public SourcePosition {
    Objects.requireNonNull(gtid, "gtid");
  }

  /**
   * The stream this GTID belongs to: the MariaDB domain ({@code "0"}) or the MySQL source UUID in
   * lower case, with its tag if it has one.
   *
   * @throws IllegalArgumentException if the GTID has neither form
   */
  public String stream() {
    return parsed().stream();
  }

  /**
   * The GTID's sequence number: increasing with commit order within its {@link #stream()}.
   *
   * @throws IllegalArgumentException if the GTID has neither form
   */
  public long sequence() {
    return parsed().sequence();
  }

  /** Whether this transaction comes after {@code other} (null: nothing) in the same stream. */
  public boolean isAfter(SourcePosition other) {
    if (other == null) {
      return true;
    }
    Parsed mine = parsed();
    Parsed theirs = other.parsed();
    return mine.stream().equals(theirs.stream()) && mine.sequence() > theirs.sequence();
  }

  private record Parsed(String stream, long sequence) {}

  private Parsed parsed() {
    int colon = gtid.lastIndexOf(':');
    if (colon > 0) {
      return new Parsed(
          gtid.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          number(gtid.substring(colon + 1)));
    }
    int firstDash = gtid.indexOf('-');
    int lastDash = gtid.lastIndexOf('-');
    if (firstDash > 0 && firstDash < lastDash) {
      return new Parsed(
          Long.toString(number(gtid.substring(0, firstDash))),
          number(gtid.substring(lastDash + 1)));
    }
    throw malformed();
  }

  private long number(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  private IllegalArgumentException malformed() {
    return new IllegalArgumentException(
        "'"
            + gtid
            + "' is not a GTID: expected MariaDB domain-server-sequence (0-1-42) or MySQL"
            + " source_uuid:sequence (3e11fa47-71ca-11e1-9e33-c80aa9429562:42)");
  }
}
