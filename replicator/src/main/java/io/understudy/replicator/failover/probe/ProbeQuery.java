package io.understudy.replicator.failover.probe;

import io.understudy.replicator.model.SourcePosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The single statement a probe sends, and how its rows become a {@link NodeReading}. The server
 * variables and the newest epoch repeat on every row; the left join yields one row per applied
 * stream, or one row of nulls when the node applied nothing.
 */
final class ProbeQuery {

  static final String SQL =
      "SELECT @@global.read_only, @@global.gtid_domain_id, @@global.gtid_binlog_pos,"
          + " (SELECT MAX(epoch) FROM understudy.topology),"
          + " a.stream, a.gtid, a.binlog_file, a.binlog_position"
          + " FROM (SELECT 1) AS one LEFT JOIN understudy.applied_position a ON 1 = 1";

  private ProbeQuery() {}

  static NodeReading read(ResultSet rows) throws SQLException {
    boolean readOnly = false;
    SourcePosition binlog = null;
    long epoch = 0;
    Map<String, SourcePosition> applied = new HashMap<>();
    while (rows.next()) {
      readOnly = rows.getBoolean(1);
      binlog = ownDomain(rows.getString(3), rows.getLong(2));
      epoch = rows.getLong(4); // NULL (no epoch yet) reads as 0
      String stream = rows.getString(5);
      if (stream != null) {
        applied.put(
            stream, new SourcePosition(rows.getString(6), rows.getString(7), rows.getLong(8)));
      }
    }
    return new NodeReading(readOnly, binlog, applied, epoch);
  }

  /**
   * The entry of {@code domain} in a {@code gtid_binlog_pos} list such as {@code 0-1-42,1-3-7}, or
   * null. Entries of other domains are transactions replicated from elsewhere, not this node's own
   * position.
   */
  static SourcePosition ownDomain(String gtidBinlogPos, long domain) {
    if (gtidBinlogPos == null || gtidBinlogPos.isBlank()) {
      return null;
    }
    for (String gtid : gtidBinlogPos.split(",")) {
      SourcePosition position = new SourcePosition(gtid.trim(), null, 0);
      if (position.stream().equals(Long.toString(domain))) {
        return position;
      }
    }
    return null;
  }
}
