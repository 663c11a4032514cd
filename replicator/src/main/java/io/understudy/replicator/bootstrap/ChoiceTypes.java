package io.understudy.replicator.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the type text of ENUM and SET columns, {@code enum('a','b')}. MariaDB prints a
 * label with a character outside the Basic Multilingual Plane (an emoji) as {@code ?} in SHOW
 * CREATE TABLE and {@code information_schema} (their character set is utf8mb3), so a definition
 * with a {@code ?} in a label may not be the table's; {@link ChoiceLabelProbe} finds the real
 * labels. Pure.
 */
final class ChoiceTypes {

  private ChoiceTypes() {}

  /** The labels of {@code columnType}, unescaped, in order. */
  static List<String> labels(String columnType) {
    int open = columnType.indexOf('(');
    int close = columnType.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("Not an ENUM or SET type: " + columnType);
    }
    List<String> labels = new ArrayList<>();
    StringBuilder label = null;
    for (int i = open + 1; i < close; i++) {
      char c = columnType.charAt(i);
      if (label == null) {
        if (c == '\'') {
          label = new StringBuilder();
        }
      } else if (c == '\\' && i + 1 < close) {
        label.append(unescaped(columnType.charAt(++i)));
      } else if (c == '\'' && i + 1 < close && columnType.charAt(i + 1) == '\'') {
        label.append('\'');
        i++;
      } else if (c == '\'') {
        labels.add(label.toString());
        label = null;
      } else {
        label.append(c);
      }
    }
    return labels;
  }

  private static char unescaped(char c) {
    return switch (c) {
      case '0' -> '\0';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 'Z' -> '\032';
      default -> c;
    };
  }

  /** Whether some label may have lost characters in {@code columnType}. */
  static boolean mayBeLossy(String columnType) {
    return labels(columnType).stream().anyMatch(label -> label.contains("?"));
  }

  static boolean isSet(String columnType) {
    return columnType.toLowerCase(Locale.ROOT).startsWith("set");
  }

  /** {@code enum(...)} or {@code set(...)} of {@code labels}, quoted for SQL. */
  static String render(boolean set, List<String> labels) {
    StringBuilder type = new StringBuilder(set ? "set(" : "enum(");
    for (int i = 0; i < labels.size(); i++) {
      type.append(i == 0 ? "'" : ",'");
      type.append(labels.get(i).replace("\\", "\\\\").replace("'", "''")).append('\'');
    }
    return type.append(')').toString();
  }

  /**
   * {@code createStatement} with {@code column}'s printed type replaced by {@code exactType}.
   *
   * @throws IllegalStateException if the statement does not hold the column with that type
   */
  static String withType(
      String createStatement, String column, String printedType, String exactType) {
    String printed = CopySql.quote(column) + " " + printedType;
    int at = createStatement.indexOf(printed);
    if (at < 0) {
      throw new IllegalStateException(
          "Column " + column + " of type " + printedType + " not found in " + createStatement);
    }
    return createStatement.substring(0, at)
        + CopySql.quote(column)
        + " "
        + exactType
        + createStatement.substring(at + printed.length());
  }
}
