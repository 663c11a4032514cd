package io.understudy.replicator.capture;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads the parts of a Debezium {@link SourceRecord} the capture needs: the kind of record, the row
 * change or DDL it carries, and where in the binlog it came from.
 */
final class ChangeRecords {

  /** What a record on one of the connector's topics is. */
  enum Kind {
    TRANSACTION_BEGIN,
    TRANSACTION_END,
    ROW,
    SCHEMA,
    /** Tombstones, heartbeats, snapshot rows: nothing to replicate. */
    OTHER
  }

  private final String topicPrefix;

  ChangeRecords(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  Kind kind(SourceRecord record) {
    if (!(record.value() instanceof Struct value)) {
      return Kind.OTHER;
    }
    String topic = record.topic();
    if (topic.equals(topicPrefix + ".transaction")) {
      String status = value.getString("status");
      return "BEGIN".equals(status) ? Kind.TRANSACTION_BEGIN : Kind.TRANSACTION_END;
    }
    if (topic.equals(topicPrefix)) {
      return Kind.SCHEMA;
    }
    if (topic.startsWith(topicPrefix + ".") && value.schema().field("op") != null) {
      return Kind.ROW;
    }
    return Kind.OTHER;
  }

  /** The transaction id of a BEGIN or END record, or of a row: the GTID (MariaDB and MySQL). */
  static String transactionId(SourceRecord record) {
    Struct value = (Struct) record.value();
    if (value.schema().field("status") != null) {
      return value.getString("id");
    }
    Struct transaction = value.getStruct("transaction");
    return transaction == null ? null : transaction.getString("id");
  }

  /**
   * Whether the record was produced by the snapshot phase ({@code source.snapshot} is anything but
   * {@code false}). The snapshot's DDL includes DROP ... IF EXISTS statements: never replicate it.
   */
  static boolean fromSnapshot(SourceRecord record) {
    Struct source = source(record);
    if (source == null || source.schema().field("snapshot") == null) {
      return false;
    }
    Object snapshot = source.get("snapshot");
    return snapshot != null && !"false".equals(snapshot.toString());
  }

  /** The schema a row or DDL record belongs to. */
  static String schemaOf(SourceRecord record) {
    Struct value = (Struct) record.value();
    if (value.schema().field("databaseName") != null) {
      return value.getString("databaseName");
    }
    Struct source = source(record);
    return source == null ? null : source.getString("db");
  }

  /** The table a row record belongs to. */
  static TableId tableOf(SourceRecord record) {
    Struct source = ((Struct) record.value()).getStruct("source");
    return new TableId(source.getString("db"), source.getString("table"));
  }

  static RowChange rowChange(SourceRecord record) {
    Struct value = (Struct) record.value();
    TableId table = tableOf(record);
    Operation operation =
        switch (value.getString("op")) {
          case "c", "r" -> Operation.INSERT;
          case "u" -> Operation.UPDATE;
          case "d" -> Operation.DELETE;
          default -> throw new IllegalStateException("Unknown op in " + record);
        };
    return new RowChange(
        table,
        operation,
        keyColumns(record.keySchema()),
        image(table, value.getStruct("before")),
        image(table, value.getStruct("after")));
  }

  /**
   * The tables a DDL record changes, from its {@code tableChanges} (empty for statements on a
   * schema, such as {@code CREATE DATABASE}). The connector writes each id as {@code
   * "schema"."table"}.
   */
  static List<TableId> tablesOf(SourceRecord record) {
    Struct value = (Struct) record.value();
    if (value.schema().field("tableChanges") == null || value.get("tableChanges") == null) {
      return List.of();
    }
    List<TableId> tables = new ArrayList<>();
    for (Object change : value.getArray("tableChanges")) {
      tables.add(tableIdOf(((Struct) change).getString("id")));
    }
    return tables;
  }

  /** Reads {@code "schema"."table"}; throws rather than guess, so no DDL is let through blindly. */
  static TableId tableIdOf(String quotedId) {
    if (quotedId != null
        && quotedId.length() >= 5
        && quotedId.startsWith("\"")
        && quotedId.endsWith("\"")) {
      int separator = quotedId.indexOf("\".\"");
      if (separator > 0 && quotedId.indexOf("\".\"", separator + 1) < 0) {
        return new TableId(
            quotedId.substring(1, separator),
            quotedId.substring(separator + 3, quotedId.length() - 1));
      }
    }
    throw new CaptureException(
        "Cannot tell the table of a DDL record from its id "
            + quotedId
            + " (expected \"schema\".\"table\"), so cannot filter it; a table name containing"
            + " '\".\"' is not supported");
  }

  static SchemaChange schemaChange(SourceRecord record) {
    Struct value = (Struct) record.value();
    String schema = value.getString("databaseName");
    return new SchemaChange(
        schema == null || schema.isEmpty() ? null : schema, value.getString("ddl"));
  }

  /**
   * Where reading resumes after this record, from the connector's own offset: {@code file} and
   * {@code pos} there are the restart point, which after a transaction's END (or a DDL, which is a
   * transaction of its own) is just past its last event.
   */
  static SourcePosition resumePosition(String gtid, SourceRecord record) {
    Map<String, ?> offset = record.sourceOffset();
    Object file = offset.get(OffsetKeys.FILE);
    Object pos = offset.get(OffsetKeys.POSITION);
    return new SourcePosition(
        gtid, file == null ? null : file.toString(), pos == null ? 0 : ((Number) pos).longValue());
  }

  /** The GTID of a DDL record, which arrives outside any BEGIN/END pair. */
  static String gtidOf(SourceRecord record) {
    Struct source = source(record);
    return source == null ? null : source.getString("gtid");
  }

  /** The source's event time (binlog timestamps have second precision). */
  static Instant sourceTime(SourceRecord record) {
    Struct value = (Struct) record.value();
    Struct source = source(record);
    if (source != null && source.get("ts_ms") != null) {
      return Instant.ofEpochMilli(source.getInt64("ts_ms"));
    }
    if (value.schema().field("ts_ms") != null && value.get("ts_ms") != null) {
      return Instant.ofEpochMilli(value.getInt64("ts_ms"));
    }
    return null;
  }

  private static Struct source(SourceRecord record) {
    Struct value = (Struct) record.value();
    return value.schema().field("source") == null ? null : value.getStruct("source");
  }

  private static List<String> keyColumns(Schema keySchema) {
    if (keySchema == null) {
      return List.of();
    }
    return keySchema.fields().stream().map(Field::name).toList();
  }

  private static Map<String, Object> image(TableId table, Struct row) {
    if (row == null) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : row.schema().fields()) {
      values.put(
          field.name(),
          ConnectValues.toJava(table + "." + field.name(), field.schema(), row.get(field)));
    }
    return Collections.unmodifiableMap(values);
  }
}
