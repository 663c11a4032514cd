package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.util.List;
import java.util.StringJoiner;

/** The statements of the copy that name tables and columns. Pure. */
final class CopySql {

  private CopySql() {}

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  static String qualified(TableId table) {
    return quote(table.schema()) + "." + quote(table.table());
  }

  /** Reads the columns on the primary, in their order; no ORDER BY, which would need a sort. */
  static String select(TableId table, List<SourceColumn> columns) {
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + qualified(table));
    for (SourceColumn column : columns) {
      select.add(column.kind().select(column.quoted()));
    }
    return select.toString();
  }

  static String insert(TableId table, List<SourceColumn> columns) {
    StringJoiner names = new StringJoiner(", ", " (", ")");
    StringJoiner marks = new StringJoiner(", ", " VALUES (", ")");
    for (SourceColumn column : columns) {
      names.add(column.quoted());
      marks.add("?");
    }
    return "INSERT INTO " + qualified(table) + names + marks;
  }
}
