package io.understudy.replicator.failover.probe;

import io.understudy.replicator.model.SourcePosition;
import java.util.Map;

/**
 * What one successful probe read from a node.
 *
 * @param readOnly the node's {@code @@global.read_only}
 * @param binlogPosition the newest GTID of the node's own domain in {@code @@gtid_binlog_pos}, null
 *     if its binary log holds none; binlog file and offset are not probed (they would cost a second
 *     statement) and read as null and 0
 * @param appliedSources the node's {@code understudy.applied_position} rows by stream (GTID domain
 *     as text): what a replica has applied; empty on a node that applied nothing
 * @param newestEpoch the highest epoch in the node's {@code understudy.topology}, 0 if none
 */
public record NodeReading(
    boolean readOnly,
    SourcePosition binlogPosition,
    Map<String, SourcePosition> appliedSources,
    long newestEpoch) {

  public NodeReading {
    appliedSources = Map.copyOf(appliedSources);
  }
}
