package io.understudy.daemon.verify;

import java.util.List;

/**
 * A key range whose rows differ between the primary and a replica.
 *
 * @param first the lowest key in the range on either node
 * @param last the highest key in the range on either node
 */
public record RangeDifference(
    List<String> keyColumns,
    List<String> first,
    List<String> last,
    long primaryRows,
    long replicaRows) {

  @Override
  public String toString() {
    return "keys ("
        + String.join(", ", keyColumns)
        + ") from "
        + tuple(first)
        + " to "
        + tuple(last)
        + ": "
        + primaryRows
        + (primaryRows == 1 ? " row" : " rows")
        + " on the primary, "
        + replicaRows
        + " on the replica";
  }

  private static String tuple(List<String> values) {
    return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
  }
}
