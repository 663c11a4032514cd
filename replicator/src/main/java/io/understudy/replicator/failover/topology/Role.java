package io.understudy.replicator.failover.topology;

import java.util.Locale;

/** A member's role in one epoch, stored as the lower-case name in {@code topology_member.role}. */
public enum Role {
  /** Takes the writes; exactly one per epoch. */
  PRIMARY,
  /** Applies the primary's transactions and serves reads. */
  REPLICA,
  /**
   * A former primary that must take no writes (read_only, sessions killed) until it is rebuilt as a
   * replica; never a failover candidate.
   */
  FENCED;

  /** The value in {@code topology_member.role}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role stored as {@code value} in {@code topology_member.role}. */
  public static Role ofSqlName(String value) {
    for (Role role : values()) {
      if (role.sqlName().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown topology role '" + value + "'; expected primary, replica or fenced");
  }
}
