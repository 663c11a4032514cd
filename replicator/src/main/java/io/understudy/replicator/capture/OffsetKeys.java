package io.understudy.replicator.capture;

import java.util.HashMap;
import java.util.Map;

/**
 * The offset the binlog connectors store and read back, and the partition it is stored under.
 * MariaDB's and MySQL's connectors share the keys ({@code BinlogOffsetContext} and both {@code
 * Loader}s in Debezium 3.5 read {@code file}, {@code pos}, {@code event}, {@code row}, {@code
 * gtids}); what differs is the meaning of {@link #GTIDS}.
 */
final class OffsetKeys {

  /** Binlog file to resume in; required by the loaders even when GTIDs drive the restart. */
  static final String FILE = "file";

  /** Position in {@link #FILE} to resume at. */
  static final String POSITION = "pos";

  /**
   * What has been processed already. MariaDB: the GTID position ({@code domain-server-seq},
   * comma-separated per domain). MySQL: the GTID set ({@code uuid:1-42,...}), which the connector
   * merges with the server's {@code gtid_executed}: a UUID it does not name is read from its first
   * transaction still in the binlog. When present, the connector asks the server for what comes
   * after it; file and pos are then informational.
   */
  static final String GTIDS = "gtids";

  /** Events / rows of a partially processed transaction to skip; absent at a transaction end. */
  static final String EVENTS_TO_SKIP = "event";

  static final String ROWS_TO_SKIP = "row";

  /** The partition key: {@code {"server": <topic.prefix>}}. */
  static final String PARTITION_SERVER = "server";

  private OffsetKeys() {}

  static Map<String, Object> partition(String topicPrefix) {
    return Map.of(PARTITION_SERVER, topicPrefix);
  }

  /** The offset that makes the connector resume at {@code resume}. */
  static Map<String, Object> of(ResumeOffset resume) {
    Map<String, Object> offset = new HashMap<>();
    offset.put(FILE, resume.file());
    offset.put(POSITION, resume.position());
    if (!resume.gtids().isEmpty()) {
      offset.put(GTIDS, resume.gtids());
    }
    return offset;
  }
}
