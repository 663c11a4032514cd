package io.understudy.replicator.apply;

import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import io.understudy.replicator.model.Transaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made source transactions, as the capture would deliver them, for apply tests. */
final class Changes {

  static final Instant EPOCH = Instant.parse("2025-03-01T10:00:00.123456Z");

  private Changes() {}

  /** The position of GTID {@code 0-1-<sequence>}. */
  static SourcePosition position(long sequence) {
    return new SourcePosition("0-1-" + sequence, "mysql-bin.000001", 1_000 + sequence * 100);
  }

  static Transaction tx(long sequence, Change... changes) {
    return new Transaction(position(sequence), EPOCH.plusSeconds(sequence), List.of(changes));
  }

  static RowChange insert(TableId table, Map<String, Object> after) {
    return new RowChange(table, Operation.INSERT, List.of("id"), null, after);
  }

  static RowChange update(TableId table, Map<String, Object> before, Map<String, Object> after) {
    return new RowChange(table, Operation.UPDATE, List.of("id"), before, after);
  }

  static RowChange delete(TableId table, Map<String, Object> before) {
    return new RowChange(table, Operation.DELETE, List.of("id"), before, null);
  }

  static SchemaChange ddl(String schema, String sql) {
    return new SchemaChange(schema, sql);
  }

  /** A row image from alternating names and values; values may be null. */
  static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }
}
