package io.understudy.replicator.apply;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.TableId;
import java.util.List;
import java.util.StringJoiner;

/** The SQL text the applier runs. Pure: no connection, no state. */
final class SqlTemplates {

  /**
   * Upserts one stream's position: stream, then gtid, file, position and commit time twice (insert,
   * update). {@code applied_at} is the replica's clock, so lag can be read on the replica alone.
   * The update binds its values again rather than use {@code VALUES(col)}, which MySQL deprecates
   * (8.0.20) in favour of a row alias MariaDB lacks: this one statement suits both.
   */
  static final String UPSERT_POSITION =
      "INSERT INTO understudy.applied_position"
          + " (stream, gtid, binlog_file, binlog_position, source_commit_time, applied_at)"
          + " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))"
          + " ON DUPLICATE KEY UPDATE gtid = ?, binlog_file = ?, binlog_position = ?,"
          + " source_commit_time = ?, applied_at = UTC_TIMESTAMP(6)";

  /**
   * The applier's session. UTC, because TIMESTAMP values arrive as UTC wall-clock times. Foreign
   * key checks stay ON: the source's binlog holds no rows changed by ON DELETE/UPDATE CASCADE, so
   * the replica must run the cascades itself. Unique checks stay ON: a duplicate is a divergence to
   * report, not to skip. NO_AUTO_VALUE_ON_ZERO: a 0 in an AUTO_INCREMENT column is a value the
   * source stored, not a request for the next one.
   */
  static final String SESSION_SETTINGS =
      "SET SESSION time_zone = '+00:00', foreign_key_checks = 1, unique_checks = 1,"
          + " sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')";

  static final String SELECT_POSITIONS =
      "SELECT stream, gtid, binlog_file, binlog_position FROM understudy.applied_position";

  /**
   * Columns of one table in definition order, and whether the replica computes them itself (VIRTUAL
   * or STORED). MariaDB says so in {@code IS_GENERATED} ({@code ALWAYS}); MySQL has no such column,
   * but a non-empty {@code GENERATION_EXPRESSION} only for generated columns (not for expression
   * defaults, which {@code EXTRA} calls {@code DEFAULT_GENERATED}).
   */
  static String selectColumns(ServerFlavour flavour) {
    String generated =
        switch (flavour) {
          case MARIADB -> "IS_GENERATED = 'ALWAYS'";
          case MYSQL -> "GENERATION_EXPRESSION <> ''";
        };
    return "SELECT COLUMN_NAME, "
        + generated
        + " FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
  }

  private SqlTemplates() {}

  /**
   * The statement for {@code shape}, with one {@code ?} per value column, then per where column.
   */
  static String render(RowShape shape) {
    return switch (shape.operation()) {
      case INSERT -> insert(shape.table(), shape.valueColumns());
      case UPDATE -> update(shape);
      case DELETE -> delete(shape);
    };
  }

  static String insert(TableId table, List<String> columns) {
    StringJoiner names = new StringJoiner(", ", " (", ")");
    StringJoiner marks = new StringJoiner(", ", " VALUES (", ")");
    for (String column : columns) {
      names.add(quote(column));
      marks.add("?");
    }
    return "INSERT INTO " + qualified(table) + names + marks;
  }

  private static String update(RowShape shape) {
    StringJoiner set = new StringJoiner(", ", " SET ", "");
    for (String column : shape.valueColumns()) {
      set.add(quote(column) + " = ?");
    }
    return "UPDATE " + qualified(shape.table()) + set + where(shape);
  }

  private static String delete(RowShape shape) {
    return "DELETE FROM " + qualified(shape.table()) + where(shape);
  }

  /**
   * A key never holds NULL, so {@code =} finds the row by its primary key. A full before-image may
   * hold NULLs, so it needs {@code <=>}; and as identical rows are indistinguishable, {@code LIMIT
   * 1} makes the statement change exactly one of them, as the source did.
   */
  private static String where(RowShape shape) {
    String operator = shape.byFullImage() ? " <=> ?" : " = ?";
    StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
    for (String column : shape.whereColumns()) {
      where.add(quote(column) + operator);
    }
    return where + (shape.byFullImage() ? " LIMIT 1" : "");
  }

  static String qualified(TableId table) {
    return quote(table.schema()) + "." + quote(table.table());
  }

  /** A backtick-quoted identifier; a backtick inside the name is doubled. */
  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
