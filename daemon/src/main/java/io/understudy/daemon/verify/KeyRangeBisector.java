package io.understudy.daemon.verify;

import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a differing table down to small key ranges: compares the row digest ({@link Sql#digest})
 * of a range on the primary and the replica, and splits a differing range at its middle key (on the
 * node holding more of its rows) until it holds at most one row on each side, the depth bound is
 * reached, or enough ranges were found. Each level halves the rows, so depth {@code d} narrows a
 * table of {@code n} rows to ranges of about {@code n / 2^d} rows.
 */
final class KeyRangeBisector {

  // The hash is an unsigned 64-bit number: kept as its decimal text.
  private record Digest(long rows, String hash) {}

  private final Connection primary;
  private final Connection replica;
  private final TableId table;
  private final List<String> keyColumns;
  private final List<String> columns;
  private final int maxDepth;
  private final int maxRanges;

  KeyRangeBisector(
      Connection primary,
      Connection replica,
      TableId table,
      List<String> keyColumns,
      List<String> columns,
      int maxDepth,
      int maxRanges) {
    this.primary = primary;
    this.replica = replica;
    this.table = table;
    this.keyColumns = keyColumns;
    this.columns = columns;
    this.maxDepth = maxDepth;
    this.maxRanges = maxRanges;
  }

  List<RangeDifference> differingRanges() throws SQLException {
    List<RangeDifference> found = new ArrayList<>();
    bisect(KeyRange.ALL, 0, found);
    return found;
  }

  private void bisect(KeyRange range, int depth, List<RangeDifference> found) throws SQLException {
    Digest onPrimary = digest(primary, range);
    Digest onReplica = digest(replica, range);
    if (onPrimary.equals(onReplica)) {
      return;
    }
    long larger = Math.max(onPrimary.rows(), onReplica.rows());
    if (larger <= 1 || depth >= maxDepth || found.size() >= maxRanges) {
      found.add(describe(range, onPrimary.rows(), onReplica.rows()));
      return;
    }
    Connection splitOn = onPrimary.rows() >= onReplica.rows() ? primary : replica;
    List<Object> middle = keyAt(splitOn, range, (larger - 1) / 2);
    bisect(new KeyRange(range.after(), middle), depth + 1, found);
    bisect(new KeyRange(middle, range.upTo()), depth + 1, found);
  }

  private Digest digest(Connection connection, KeyRange range) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT "
            + Sql.digest(columns)
            + " FROM "
            + Sql.table(table)
            + " WHERE "
            + range.condition(keyColumns, parameters);
    try (ResultSet result = query(connection, sql, parameters)) {
      result.next();
      return new Digest(result.getLong(1), result.getString(2));
    }
  }

  private List<Object> keyAt(Connection connection, KeyRange range, long offset)
      throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT "
            + Sql.columnList(keyColumns)
            + " FROM "
            + Sql.table(table)
            + " WHERE "
            + range.condition(keyColumns, parameters)
            + " ORDER BY "
            + Sql.columnList(keyColumns)
            + " LIMIT 1 OFFSET "
            + offset;
    try (ResultSet result = query(connection, sql, parameters)) {
      result.next();
      List<Object> key = new ArrayList<>();
      for (int i = 1; i <= keyColumns.size(); i++) {
        key.add(result.getObject(i));
      }
      return key;
    }
  }

  private RangeDifference describe(KeyRange range, long primaryRows, long replicaRows)
      throws SQLException {
    List<Object> first = null;
    List<Object> last = null;
    for (Connection connection : List.of(primary, replica)) {
      List<Object> low = edge(connection, range, "ASC");
      List<Object> high = edge(connection, range, "DESC");
      if (low != null && (first == null || compare(low, first) < 0)) {
        first = low;
      }
      if (high != null && (last == null || compare(high, last) > 0)) {
        last = high;
      }
    }
    return new RangeDifference(keyColumns, text(first), text(last), primaryRows, replicaRows);
  }

  private static List<String> text(List<Object> key) {
    return key == null ? List.of() : key.stream().map(String::valueOf).toList();
  }

  /**
   * Orders two keys for display only (which of the two nodes' edges is lower): Java's order of the
   * values, which may differ from a collation's, so a bound may be shown a little wide.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int order =
          x instanceof Comparable cx && y != null && x.getClass() == y.getClass()
              ? cx.compareTo(y)
              : String.valueOf(x).compareTo(String.valueOf(y));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private List<Object> edge(Connection connection, KeyRange range, String direction)
      throws SQLException {
    List<Object> parameters = new ArrayList<>();
    List<String> order = keyColumns.stream().map(c -> Sql.quote(c) + " " + direction).toList();
    String sql =
        "SELECT "
            + Sql.columnList(keyColumns)
            + " FROM "
            + Sql.table(table)
            + " WHERE "
            + range.condition(keyColumns, parameters)
            + " ORDER BY "
            + String.join(", ", order)
            + " LIMIT 1";
    try (ResultSet result = query(connection, sql, parameters)) {
      if (!result.next()) {
        return null;
      }
      List<Object> key = new ArrayList<>();
      for (int i = 1; i <= keyColumns.size(); i++) {
        key.add(result.getObject(i));
      }
      return key;
    }
  }

  private static ResultSet query(Connection connection, String sql, List<Object> parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.closeOnCompletion();
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
    return statement.executeQuery();
  }
}
