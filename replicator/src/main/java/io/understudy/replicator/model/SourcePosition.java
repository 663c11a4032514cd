package io.understudy.replicator.model;

import java.util.Objects;

/**
 * Where a source transaction sits in the primary's binary log.
 *
 * <p>The GTID is what resuming relies on: capture restarts right after it. File and position are
 * for people and logs: Debezium reports where the transaction begins, not where it ends.
 *
 * @param gtid MariaDB GTID {@code domain-server-sequence}, e.g. {@code 0-1-42}
 * @param file binlog file of the transaction
 * @param position binlog position of the transaction's start
 */
public record SourcePosition(String gtid, String file, long position) {

  public SourcePosition {
    Objects.requireNonNull(gtid, "gtid");
  }

  /** The GTID's domain; sequence numbers only compare within one domain. */
  public long domain() {
    return Long.parseLong(gtid.substring(0, gtid.indexOf('-')));
  }

  /** The GTID's sequence number: strictly increasing within a domain (gtid_strict_mode). */
  public long sequence() {
    return Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
  }

  /** Whether this transaction comes after {@code other} in the same GTID domain. */
  public boolean isAfter(SourcePosition other) {
    return other == null || (domain() == other.domain() && sequence() > other.sequence());
  }
}
