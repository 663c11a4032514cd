package io.understudy.replicator.capture;

import io.understudy.replicator.model.SourcePosition;
import java.util.HashMap;
import java.util.Map;

/**
 * The offset the MariaDB connector stores and reads back ({@code BinlogOffsetContext}, {@code
 * MariaDbOffsetContext.Loader} in Debezium 3.5), and the partition it is stored under.
 */
final class OffsetKeys {

  /** Binlog file to resume in; required by the loader even when GTIDs drive the restart. */
  static final String FILE = "file";

  /** Position in {@link #FILE} to resume at. */
  static final String POSITION = "pos";

  /**
   * The GTID position already processed ({@code domain-server-seq}, comma-separated per domain).
   * When present, the connector connects with this GTID position and the server sends what comes
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

  /** The offset that makes the connector resume right after {@code position}. */
  static Map<String, Object> resumingAfter(SourcePosition position) {
    Map<String, Object> offset = new HashMap<>();
    offset.put(FILE, position.file() == null ? "" : position.file());
    offset.put(POSITION, position.position());
    if (!position.gtid().isEmpty()) {
      offset.put(GTIDS, position.gtid());
    }
    return offset;
  }
}
