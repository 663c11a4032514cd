package io.understudy.replicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a {@link ReplicationFilter} list: a schema pattern ({@code shop}, {@code app_*}) or
 * a table pattern ({@code shop.orders}, {@code shop.tmp_*}, {@code *.audit}).
 *
 * <p>Rules, the same for every list:
 *
 * <ul>
 *   <li>A pattern matches a whole name, never a part of it.
 *   <li>{@code *} matches any run of characters, the empty one included. In a table pattern it
 *       stays on its side of the dot: {@code shop*.*} matches every table of {@code shop} and of
 *       {@code shop_eu}. Every other character stands for itself ({@code ?}, {@code _} and {@code
 *       %} are not wildcards).
 *   <li>Case is ignored (ASCII letters), as Debezium's own filters ignore it: {@code Shop} and
 *       {@code shop} are filtered alike.
 *   <li>Names are written without quotes. A table pattern has exactly one dot; schema patterns have
 *       none. Commas and backticks are refused (a comma separates Debezium's list entries), so are
 *       surrounding spaces: names containing these cannot be filtered by name.
 * </ul>
 */
public final class NamePattern {

  private final String text;
  private final String regex;
  private final Pattern pattern;

  private NamePattern(String text, String regex) {
    this.text = text;
    this.regex = regex;
    this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  /** A schema pattern; throws naming what is wrong with it. */
  public static NamePattern schema(String text) {
    requireValid(text, problemsOfSchema(text));
    return new NamePattern(text, regexOfPart(text, ".*"));
  }

  /** A {@code schema.table} pattern; throws naming what is wrong with it. */
  public static NamePattern table(String text) {
    requireValid(text, problemsOfTable(text));
    int dot = text.indexOf('.');
    return new NamePattern(
        text,
        regexOfPart(text.substring(0, dot), "[^.]*")
            + "\\."
            + regexOfPart(text.substring(dot + 1), "[^.]*"));
  }

  /** What is wrong with {@code text} as a schema pattern; empty when nothing. */
  static List<String> problemsOfSchema(String text) {
    List<String> problems = problemsOfText(text);
    if (problems.isEmpty() && text.contains(".")) {
      problems.add("contains '.': a schema pattern names a schema; tables go in the table lists");
    }
    return problems;
  }

  /** What is wrong with {@code text} as a table pattern; empty when nothing. */
  static List<String> problemsOfTable(String text) {
    List<String> problems = problemsOfText(text);
    if (problems.isEmpty()) {
      int dot = text.indexOf('.');
      if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
        problems.add("is not schema.table (exactly one dot, a name or * on each side)");
      }
    }
    return problems;
  }

  private static List<String> problemsOfText(String text) {
    List<String> problems = new ArrayList<>();
    if (text == null || text.isBlank()) {
      problems.add("is empty");
    } else if (!text.strip().equals(text)) {
      problems.add("has spaces around it");
    } else if (text.contains(",") || text.contains("`")) {
      problems.add("contains ',' or '`': write names without quotes, one per entry");
    }
    return problems;
  }

  private static void requireValid(String text, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Pattern '" + text + "' " + String.join("; ", problems));
    }
  }

  private static String regexOfPart(String part, String star) {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star0 = part.indexOf('*'); star0 >= 0; star0 = part.indexOf('*', from)) {
      if (star0 > from) {
        regex.append(Pattern.quote(part.substring(from, star0)));
      }
      regex.append(star);
      from = star0 + 1;
    }
    if (from < part.length()) {
      regex.append(Pattern.quote(part.substring(from)));
    }
    return regex.toString();
  }

  /** The pattern as written. */
  public String text() {
    return text;
  }

  /**
   * The pattern as a regular expression on the whole name ({@code schema} or {@code schema.table}),
   * to be matched ignoring case: what the capture hands to Debezium.
   */
  public String regex() {
    return regex;
  }

  /** Whether the pattern has no wildcard, so it names exactly one schema or table. */
  public boolean isLiteral() {
    return text.indexOf('*') < 0;
  }

  /** The part before the dot of a table pattern; the whole text of a schema pattern. */
  String schemaPart() {
    int dot = text.indexOf('.');
    return dot < 0 ? text : text.substring(0, dot);
  }

  /** Whether the schema part of the pattern has no wildcard. */
  boolean hasLiteralSchema() {
    return schemaPart().indexOf('*') < 0;
  }

  /** Whether {@code name} (a schema, or {@code schema.table}) matches, ignoring case. */
  public boolean matches(String name) {
    return name != null && pattern.matcher(name).matches();
  }

  /** Lower case, for comparing names and patterns ignoring case. */
  static String folded(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamePattern that && folded(text).equals(folded(that.text));
  }

  @Override
  public int hashCode() {
    return folded(text).hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
