package io.understudy.replicator.apply;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.TableId;
import java.util.List;

/**
 * The shape of one row statement: everything its SQL text depends on, and nothing that varies per
 * row. Consecutive row changes with equal shapes share one prepared statement and one JDBC batch.
 *
 * @param valueColumns INSERT: the inserted columns; UPDATE: the columns set; DELETE: empty
 * @param whereColumns UPDATE, DELETE: the columns that find the row; INSERT: empty
 * @param byFullImage whether the row is found by its full before-image (a table without a primary
 *     key): then comparisons are null-safe and the statement touches at most one row
 */
record RowShape(
    TableId table,
    Operation operation,
    List<String> valueColumns,
    List<String> whereColumns,
    boolean byFullImage) {

  RowShape {
    valueColumns = List.copyOf(valueColumns);
    whereColumns = List.copyOf(whereColumns);
  }
}
