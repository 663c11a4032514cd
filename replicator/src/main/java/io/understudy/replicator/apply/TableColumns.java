package io.understudy.replicator.apply;

import io.understudy.replicator.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A replica table's columns as the replica defines them. Column names compare case-insensitively,
 * as MariaDB compares them.
 *
 * @param writable the columns the applier writes, in definition order
 * @param generated the VIRTUAL and STORED generated columns, lower-cased: the replica computes them
 *     itself and refuses explicit values
 */
record TableColumns(TableId table, List<String> writable, List<String> generated) {

  TableColumns {
    writable = List.copyOf(writable);
    generated = generated.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
  }

  boolean exists() {
    return !writable.isEmpty() || !generated.isEmpty();
  }

  /**
   * The writable columns present in {@code row}, in the replica's definition order, so that rows
   * with the same columns get the same statement however their map is ordered.
   *
   * @return empty if {@code row} names a column the replica does not have: the schemas diverged
   */
  Optional<List<String>> columnsOf(Map<String, Object> row) {
    Map<String, String> byLowerName = new TreeMap<>();
    for (String column : row.keySet()) {
      byLowerName.put(column.toLowerCase(Locale.ROOT), column);
    }
    List<String> present = new ArrayList<>();
    for (String column : writable) {
      String inRow = byLowerName.remove(column.toLowerCase(Locale.ROOT));
      if (inRow != null) {
        present.add(inRow);
      }
    }
    byLowerName.keySet().removeAll(generated);
    return byLowerName.isEmpty() ? Optional.of(present) : Optional.empty();
  }

  /** The columns of {@code row} this table lacks; for error messages. */
  List<String> unknownColumnsOf(Map<String, Object> row) {
    List<String> known = new ArrayList<>(generated);
    writable.forEach(c -> known.add(c.toLowerCase(Locale.ROOT)));
    return row.keySet().stream()
        .filter(c -> !known.contains(c.toLowerCase(Locale.ROOT)))
        .sorted()
        .toList();
  }
}
