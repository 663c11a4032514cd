package io.understudy.replicator.apply;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Renders a row's key for messages: short, unambiguous, never the whole of a large value. */
final class RowDescriptions {

  private static final int MAX_VALUE_CHARS = 64;

  private RowDescriptions() {}

  /**
   * The key columns and values ({@code (id=5, region='eu')}) that identify the changed row; for a
   * table without a primary key, its full image.
   */
  static String keyOf(RowChange change) {
    Map<String, Object> row =
        change.operation() == Operation.INSERT ? change.after() : change.before();
    if (row == null) {
      return "";
    }
    List<String> columns =
        change.keyColumns().isEmpty() ? List.copyOf(row.keySet()) : change.keyColumns();
    StringJoiner key = new StringJoiner(", ", "(", ")");
    for (String column : columns) {
      key.add(column + "=" + valueOf(row.get(column)));
    }
    return key.toString();
  }

  static String valueOf(Object value) {
    String text;
    if (value == null) {
      return "NULL";
    } else if (value instanceof byte[] bytes) {
      text = "0x" + HexFormat.of().formatHex(bytes);
    } else if (value instanceof CharSequence || value instanceof java.time.temporal.Temporal) {
      text = "'" + value + "'";
    } else {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
  }
}
