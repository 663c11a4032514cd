package io.understudy.replicator.apply;

import io.understudy.replicator.model.SourcePosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes {@code understudy.applied_position} on a replica: one row per source stream,
 * where a stream is a MariaDB GTID domain or a MySQL source UUID (sequence numbers only compare
 * within one, see {@link SourcePosition#stream()}). The row is written inside the replica
 * transaction that applies the rows, so position and data commit together; a snapshot copy writes
 * it in its last transaction ({@code bootstrap.SnapshotCopier}).
 */
public final class AppliedPositionStore {

  private AppliedPositionStore() {}

  /**
   * The stream a position belongs to: its MariaDB GTID domain as text ({@code "0"}), or its MySQL
   * source UUID ({@code 3e11fa47-71ca-11e1-9e33-c80aa9429562}, 36 characters of the column's 64).
   */
  static String streamOf(SourcePosition position) {
    return position.stream();
  }

  /** The last applied position of every stream the replica has seen, by stream. */
  public static Map<String, SourcePosition> load(Connection connection) throws SQLException {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(SqlTemplates.SELECT_POSITIONS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        // getLong maps NULL to 0, which is also what an unknown binlog position means here.
        positions.put(
            rows.getString(1),
            new SourcePosition(rows.getString(2), rows.getString(3), rows.getLong(4)));
      }
    }
    return positions;
  }

  /** Upserts {@code position}'s stream row; the caller commits. */
  public static void save(Connection connection, SourcePosition position, Instant commitTime)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(SqlTemplates.UPSERT_POSITION)) {
      upsert.setString(1, streamOf(position));
      // The same four values for the INSERT (2..5) and for ON DUPLICATE KEY UPDATE (6..9).
      for (int first : new int[] {2, 6}) {
        upsert.setString(first, position.gtid());
        upsert.setString(first + 1, position.file());
        upsert.setLong(first + 2, position.position());
        if (commitTime == null) {
          upsert.setNull(first + 3, Types.TIMESTAMP);
        } else {
          // The session runs in UTC; DATETIME has no zone, so the column holds UTC by convention.
          upsert.setObject(first + 3, LocalDateTime.ofInstant(commitTime, ZoneOffset.UTC));
        }
      }
      upsert.executeUpdate();
    }
  }
}
