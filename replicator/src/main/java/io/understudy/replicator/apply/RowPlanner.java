package io.understudy.replicator.apply;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a row change into a statement shape and its values, given the replica's columns. Pure. */
final class RowPlanner {

  private final String replica;

  RowPlanner(String replica) {
    this.replica = replica;
  }

  PlannedRow plan(String gtid, RowChange change, TableColumns columns)
      throws ReplicaDivergedException {
    if (!columns.exists()) {
      throw diverged(gtid, change, "the table does not exist on the replica");
    }
    Operation operation = change.operation();
    List<String> valueColumns =
        operation == Operation.DELETE ? List.of() : writable(gtid, change, change.after(), columns);
    boolean byFullImage = change.keyColumns().isEmpty();
    List<String> whereColumns =
        operation == Operation.INSERT
            ? List.of()
            : byFullImage ? writable(gtid, change, change.before(), columns) : change.keyColumns();
    List<Object> values = new ArrayList<>(valueColumns.size() + whereColumns.size());
    valueColumns.forEach(c -> values.add(change.after().get(c)));
    whereColumns.forEach(c -> values.add(change.before().get(c)));
    RowShape shape =
        new RowShape(change.table(), operation, valueColumns, whereColumns, byFullImage);
    return new PlannedRow(gtid, change, shape, values);
  }

  private List<String> writable(
      String gtid, RowChange change, Map<String, Object> row, TableColumns columns)
      throws ReplicaDivergedException {
    if (row == null) {
      throw new IllegalArgumentException(
          change.operation() + " on " + change.table() + " at " + gtid + " lacks a row image");
    }
    return columns
        .columnsOf(row)
        .orElseThrow(
            () ->
                diverged(
                    gtid,
                    change,
                    "the replica's table lacks the columns " + columns.unknownColumnsOf(row)));
  }

  ReplicaDivergedException diverged(String gtid, RowChange change, String problem) {
    return diverged(gtid, change, problem, null);
  }

  ReplicaDivergedException diverged(
      String gtid, RowChange change, String problem, Throwable cause) {
    return new ReplicaDivergedException(
        replica, change.table(), RowDescriptions.keyOf(change), gtid, problem, cause);
  }
}
