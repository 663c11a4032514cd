package io.understudy.router.internal.route;

/**
 * Lexing helpers for {@link StatementClassifier}. Every method takes a position in the SQL text and
 * returns another, so that classifying a statement needs no cursor object and allocates nothing.
 */
final class SqlScanner {
  private SqlScanner() {}

  /** The character at {@code pos}, or NUL outside the text, so that look-around needs no checks. */
  static char charAt(String sql, int pos) {
    return pos >= 0 && pos < sql.length() ? sql.charAt(pos) : '\0';
  }

  static int skipWhitespace(String sql, int pos) {
    int i = pos;
    while (isWhitespace(charAt(sql, i))) {
      i++;
    }
    return i;
  }

  /**
   * Skips whitespace and comments. The markers of MySQL's executable comments ({@code /*!50001},
   * {@code /*M!100100} and the closing star-slash) count as whitespace because the server runs what
   * they enclose.
   */
  static int skipTrivia(String sql, int pos) {
    int i = pos;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      char next = charAt(sql, i + 1);
      if (isWhitespace(c)) {
        i++;
      } else if (c == '#' || (c == '-' && next == '-' && charAt(sql, i + 2) <= ' ')) {
        i = lineEnd(sql, i);
      } else if (c == '/' && next == '*') {
        i = afterCommentOpening(sql, i);
      } else if (c == '*' && next == '/' && charAt(sql, i + 2) != '*') {
        // Outside a comment a star-slash can only close an executable comment; "*/*" is a
        // multiplication followed by a comment.
        i += 2;
      } else {
        return i;
      }
    }
    return sql.length();
  }

  /** Index after the token at {@code pos}: a word, a quoted string or name, or one other char. */
  static int tokenEnd(String sql, int pos) {
    char c = sql.charAt(pos);
    if (isIdentifierPart(c)) {
      return wordEnd(sql, pos);
    }
    if (c == '\'' || c == '"' || c == '`') {
      return afterQuoted(sql, pos);
    }
    if (c == '@' && charAt(sql, pos + 1) == '@') {
      // A system variable's scope prefix would otherwise look like a qualified name.
      int end = wordEnd(sql, pos + 2);
      return charAt(sql, end) == '.' ? wordEnd(sql, end + 1) : end;
    }
    return pos + 1;
  }

  /** Index after the run of identifier characters at {@code pos}; {@code pos} if there is none. */
  static int wordEnd(String sql, int pos) {
    int i = pos;
    while (i < sql.length() && isIdentifierPart(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Whether the word at {@code pos} is {@code keyword}. */
  static boolean wordAt(String sql, int pos, String keyword) {
    return is(sql, pos, wordEnd(sql, pos), keyword);
  }

  /** Whether the words at {@code pos} are {@code first} and then {@code second}. */
  static boolean followedBy(String sql, int pos, String first, String second) {
    return wordAt(sql, pos, first) && wordAt(sql, skipTrivia(sql, wordEnd(sql, pos)), second);
  }

  /**
   * Position after {@code text} (ASCII case ignored) and any whitespace that follows it, or -1 if
   * {@code text} is not at {@code pos}; -1 in gives -1 out, so that calls chain.
   */
  static int expect(String sql, int pos, String text) {
    int end = pos + text.length();
    boolean found = pos >= 0 && end <= sql.length() && is(sql, pos, end, text);
    return found ? skipWhitespace(sql, end) : -1;
  }

  /** Whether {@code sql[start, end)} equals the upper-case {@code keyword}, ignoring ASCII case. */
  static boolean is(String sql, int start, int end, String keyword) {
    int length = keyword.length();
    if (end - start != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      char c = sql.charAt(start + k);
      // Only ASCII folding: Unicode case rules would let e.g. a dotless i match an I.
      char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
      if (upper != keyword.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code sql[start, end)} equals one of {@code keywords} (given as an array: no varargs).
   */
  static boolean isAny(String sql, int start, int end, String[] keywords) {
    for (String keyword : keywords) {
      if (is(sql, start, end, keyword)) {
        return true;
      }
    }
    return false;
  }

  static boolean isIdentifierPart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '$'
        || c >= 0x80;
  }

  /**
   * Whether the {@code @} at {@code pos} joins an account name, as in 'app'@'%' or app@localhost.
   */
  static boolean isAccountHost(String sql, int pos) {
    char before = charAt(sql, pos - 1);
    return before == '\'' || before == '"' || before == '`' || isIdentifierPart(before);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static int lineEnd(String sql, int pos) {
    int i = pos;
    while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private static int afterCommentOpening(String sql, int pos) {
    int i = pos + 2;
    if (charAt(sql, i) == 'M' && charAt(sql, i + 1) == '!') {
      i++;
    }
    if (charAt(sql, i) == '!') {
      i++;
      while (charAt(sql, i) >= '0' && charAt(sql, i) <= '9') {
        i++;
      }
      return i;
    }
    int close = sql.indexOf("*/", pos + 2);
    return close < 0 ? sql.length() : close + 2;
  }

  /**
   * Index after the literal or quoted name opening at {@code pos}. Backslash escapes are honoured
   * except in backtick names, as the server does unless NO_BACKSLASH_ESCAPES is set.
   */
  private static int afterQuoted(String sql, int pos) {
    char quote = sql.charAt(pos);
    int i = pos + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c != quote) {
        i++;
      } else if (charAt(sql, i + 1) == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    }
    return sql.length();
  }
}
