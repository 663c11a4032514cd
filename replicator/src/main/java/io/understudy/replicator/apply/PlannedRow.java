package io.understudy.replicator.apply;

import io.understudy.replicator.model.RowChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row change ready to run: its statement shape and the values for the shape's {@code ?}s in
 * order (value columns, then where columns).
 */
record PlannedRow(String gtid, RowChange change, RowShape shape, List<Object> values) {

  PlannedRow {
    // Values may be null (SQL NULL), which List.copyOf refuses.
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }
}
