package io.understudy.daemon.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The primary-key values {@code k} with {@code after < k <= upTo} (tuple order); a null bound is
 * open. Ranges split at existing keys, so together they always cover the whole table.
 */
record KeyRange(List<Object> after, List<Object> upTo) {

  static final KeyRange ALL = new KeyRange(null, null);

  /** The WHERE condition (or "1=1"), and its parameters appended to {@code parameters}. */
  String condition(List<String> keyColumns, List<Object> parameters) {
    List<String> parts = new ArrayList<>();
    String tuple = "(" + Sql.columnList(keyColumns) + ")";
    String marks = "(" + "?, ".repeat(keyColumns.size() - 1) + "?)";
    if (after != null) {
      parts.add(tuple + " > " + marks);
      parameters.addAll(after);
    }
    if (upTo != null) {
      parts.add(tuple + " <= " + marks);
      parameters.addAll(upTo);
    }
    return parts.isEmpty() ? "1=1" : String.join(" AND ", parts);
  }
}
