package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.SourcePosition;

/** Turns what the primary says about its snapshot into a {@link SourcePosition}. Pure. */
final class SnapshotPositions {

  private SnapshotPositions() {}

  /**
   * The snapshot's position from {@code BINLOG_GTID_POS(file, position)}, which lists the last GTID
   * of every domain the binlog has seen up to there.
   *
   * @throws SnapshotRefusedException if the list is empty or holds several domains
   */
  static SourcePosition of(String gtidPosition, String file, long position, String primary)
      throws SnapshotRefusedException {
    String gtids = gtidPosition == null ? "" : gtidPosition.trim();
    if (gtids.isEmpty()) {
      throw new SnapshotRefusedException(
          "Primary "
              + primary
              + " reports no GTID at its snapshot position "
              + file
              + ":"
              + position
              + " (BINLOG_GTID_POS is empty), so streaming could not resume after the snapshot;"
              + " check that the binary log is on and that GTIDs are used");
    }
    if (gtids.contains(",")) {
      throw new SnapshotRefusedException(
          "Primary "
              + primary
              + " has GTIDs of several domains at its snapshot position ("
              + gtids
              + "): this version replicates one GTID domain. Use one gtid_domain_id on every"
              + " server, or remove the other domains from the binlog state (RESET MASTER on a"
              + " primary whose history is not needed)");
    }
    if (!gtids.matches("\\d+-\\d+-\\d+")) {
      throw new SnapshotRefusedException(
          "Primary "
              + primary
              + " reports a GTID position Understudy cannot read: '"
              + gtids
              + "'");
    }
    return new SourcePosition(gtids, file, position);
  }
}
