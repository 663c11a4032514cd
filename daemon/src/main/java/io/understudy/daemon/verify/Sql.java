package io.understudy.daemon.verify;

import io.understudy.replicator.model.TableId;
import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting and the row digest the comparisons share. */
final class Sql {

  private Sql() {}

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  static String table(TableId table) {
    return quote(table.schema()) + "." + quote(table.table());
  }

  static String columnList(List<String> columns) {
    return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
  }

  /**
   * Count and an order-independent digest of the rows: the XOR of the first 64 bits of each row's
   * MD5. {@code QUOTE} tells NULL (the word) from the string {@code 'NULL'} and escapes separators,
   * so different rows do not collapse to one text.
   */
  static String digest(List<String> columns) {
    String row =
        columns.stream()
            .map(c -> "QUOTE(" + quote(c) + ")")
            .collect(Collectors.joining(", ", "CONCAT_WS('|', ", ")"));
    return "COUNT(*), COALESCE(BIT_XOR(CAST(CONV(SUBSTRING(MD5("
        + row
        + "), 1, 16), 16, 10) AS UNSIGNED)), 0)";
  }
}
