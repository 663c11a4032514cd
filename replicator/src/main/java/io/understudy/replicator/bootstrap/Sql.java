package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.util.List;
import java.util.StringJoiner;

/** The SQL text of the copy that depends on names. Pure. */
final class Sql {

  private Sql() {}

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

  /** {@code host:port} of a Connector/J URL, for messages and logs. */
  static String nodeOf(String jdbcUrl) {
    int start = jdbcUrl.indexOf("//");
    String rest = start < 0 ? jdbcUrl : jdbcUrl.substring(start + 2);
    int end = rest.length();
    for (char stop : new char[] {'/', '?'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return rest.substring(0, end);
  }

  /** {@code url} with {@code properties} appended as query parameters. */
  static String withProperties(String url, String properties) {
    return url + (url.contains("?") ? "&" : "?") + properties;
  }
}
