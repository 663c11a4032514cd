package io.understudy.router.internal.route;

import static io.understudy.router.internal.route.SqlScanner.charAt;
import static io.understudy.router.internal.route.SqlScanner.expect;
import static io.understudy.router.internal.route.SqlScanner.followedBy;
import static io.understudy.router.internal.route.SqlScanner.is;
import static io.understudy.router.internal.route.SqlScanner.isAccountHost;
import static io.understudy.router.internal.route.SqlScanner.isAny;
import static io.understudy.router.internal.route.SqlScanner.isIdentifierPart;
import static io.understudy.router.internal.route.SqlScanner.skipTrivia;
import static io.understudy.router.internal.route.SqlScanner.skipWhitespace;
import static io.understudy.router.internal.route.SqlScanner.tokenEnd;
import static io.understudy.router.internal.route.SqlScanner.wordAt;
import static io.understudy.router.internal.route.SqlScanner.wordEnd;
import static io.understudy.router.internal.route.StatementClass.BEGIN;
import static io.understudy.router.internal.route.StatementClass.BEGIN_READ_ONLY;
import static io.understudy.router.internal.route.StatementClass.END_TRANSACTION;
import static io.understudy.router.internal.route.StatementClass.READ;
import static io.understudy.router.internal.route.StatementClass.SESSION_STATE;
import static io.understudy.router.internal.route.StatementClass.TRANSACTION_SETTING;
import static io.understudy.router.internal.route.StatementClass.WRITE;

/**
 * Decides where a SQL string must run. It runs for every statement, so it works by index arithmetic
 * in at most one pass, allocates nothing and holds no state.
 *
 * <p>Where the text is ambiguous it errs towards the primary: sending a read there costs latency,
 * sending a write or a session-bound statement to a replica gives wrong results.
 */
public final class StatementClassifier {
  // What a statement's body can reveal: it creates or reads state of one server connection, or
  // (for a query) it locks rows, writes a file or advances a sequence.
  private static final int SESSION = 1;
  private static final int NOT_READ = 2;

  private static final StatementClass[] CLASSES = StatementClass.values();
  private static final String[] QUERIES = {"SELECT", "WITH", "VALUES", "TABLE"};
  private static final String[] EXPLAINS = {"EXPLAIN", "DESCRIBE", "DESC"};
  private static final String[] SESSION_COMMANDS = {
    "LOCK", "UNLOCK", "PREPARE", "EXECUTE", "DEALLOCATE", "USE"
  };
  private static final String[] DIAGNOSTICS = {
    "WARNINGS", "ERRORS", "COUNT", "PROFILE", "PROFILES"
  };
  private static final String[] XA_STARTS = {"START", "BEGIN"};
  private static final String[] SESSION_SCOPES = {"SESSION", "LOCAL"};
  private static final String[] DATA_CHANGES = {"INSERT", "UPDATE", "DELETE", "REPLACE"};
  private static final String[] SEQUENCE_FUNCTIONS = {"NEXTVAL", "SETVAL"};
  private static final String[] LOCK_FUNCTIONS = {
    "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_USED_LOCK", "IS_FREE_LOCK"
  };
  private static final String[] LAST_RESULT_FUNCTIONS = {
    "LAST_INSERT_ID", "LASTVAL", "FOUND_ROWS", "ROW_COUNT"
  };
  private static final String[] SESSION_VARIABLES = {
    "WARNING_COUNT", "ERROR_COUNT", "IDENTITY", "LAST_INSERT_ID", "LAST_GTID"
  };

  private StatementClassifier() {}

  /** Classifies {@code sql}; null, blank and unrecognised text is {@link StatementClass#WRITE}. */
  public static StatementClass classify(String sql) {
    if (sql == null) {
      return WRITE;
    }
    StatementClass last = WRITE;
    int statements = 0;
    boolean pins = false;
    int pos = skipTrivia(sql, 0);
    while (pos < sql.length()) {
      long outcome = classifyStatement(sql, pos);
      last = CLASSES[payload(outcome)];
      // In a batch the caller cannot see where a transaction or session state begins, so anything
      // but plain reads and writes must pin the connection to the primary.
      pins |= last != READ && last != WRITE;
      statements++;
      pos = skipTrivia(sql, position(outcome));
    }
    if (statements > 1) {
      return pins ? SESSION_STATE : WRITE;
    }
    return last == READ && hasPrimaryHint(sql) ? WRITE : last;
  }

  /**
   * Whether {@code sql} opens, after whitespace only, with a block comment holding {@code
   * understudy:primary}: the application's way to send one read to the primary.
   */
  public static boolean hasPrimaryHint(String sql) {
    if (sql == null) {
      return false;
    }
    int pos = expect(sql, skipWhitespace(sql, 0), "/*");
    pos = expect(sql, pos, "UNDERSTUDY");
    pos = expect(sql, pos, ":");
    pos = expect(sql, pos, "PRIMARY");
    return expect(sql, pos, "*/") >= 0;
  }

  /**
   * Classifies the statement starting at {@code start} (a non-blank char) and finds where it ends.
   * Both come back packed into a long, see {@link #pack}.
   */
  private static long classifyStatement(String sql, int start) {
    int end = wordEnd(sql, start);
    if (end == start) {
      return charAt(sql, start) == '(' ? parenthesised(sql, start) : executing(sql, start, WRITE);
    }
    if (isAny(sql, start, end, QUERIES)) {
      return executing(sql, end, READ);
    }
    // The other statements that matter are told apart by their first two words.
    int second = skipTrivia(sql, end);
    int secondEnd = wordEnd(sql, second);
    if (is(sql, start, end, "SHOW")) {
      // Warnings, errors and profiles describe what this very connection ran before.
      boolean diagnostics = isAny(sql, second, secondEnd, DIAGNOSTICS);
      return inert(sql, second, diagnostics ? SESSION_STATE : READ);
    } else if (isAny(sql, start, end, EXPLAINS)) {
      return explain(sql, second, secondEnd);
    } else if (is(sql, start, end, "SET")) {
      return set(sql, second);
    } else if (is(sql, start, end, "START") && is(sql, second, secondEnd, "TRANSACTION")) {
      return startTransaction(sql, secondEnd);
    } else if (is(sql, start, end, "BEGIN")) {
      // BEGIN NOT ATOMIC opens a compound block: classify's loop takes its statements one by one.
      return is(sql, second, secondEnd, "NOT")
          ? pack(WRITE.ordinal(), wordEnd(sql, skipTrivia(sql, secondEnd)))
          : inert(sql, second, BEGIN);
    } else if (is(sql, start, end, "COMMIT") || is(sql, start, end, "ROLLBACK")) {
      return endTransaction(sql, second, secondEnd);
    } else if (is(sql, start, end, "CREATE") || is(sql, start, end, "DROP")) {
      return definition(sql, second, secondEnd);
    } else if (is(sql, start, end, "XA")) {
      // An XA transaction, like any other, must see all of its statements.
      boolean starts = isAny(sql, second, secondEnd, XA_STARTS);
      return inert(sql, second, starts ? SESSION_STATE : WRITE);
    } else if (isAny(sql, start, end, SESSION_COMMANDS)) {
      return inert(sql, second, SESSION_STATE);
    }
    return executing(sql, end, WRITE);
  }

  private static long parenthesised(String sql, int start) {
    int word = start;
    while (charAt(sql, word) == '(') {
      word = skipTrivia(sql, word + 1);
    }
    boolean query = isAny(sql, word, wordEnd(sql, word), QUERIES);
    return executing(sql, start, query ? READ : WRITE);
  }

  private static long explain(String sql, int second, int secondEnd) {
    if (!is(sql, second, secondEnd, "ANALYZE")) {
      return inert(sql, second, READ);
    }
    // EXPLAIN ANALYZE runs the statement it explains.
    int statement = skipTrivia(sql, secondEnd);
    return statement < sql.length()
        ? classifyStatement(sql, statement)
        : pack(WRITE.ordinal(), statement);
  }

  private static long set(String sql, int pos) {
    int word = charAt(sql, pos) == '@' && charAt(sql, pos + 1) == '@' ? pos + 2 : pos;
    int end = wordEnd(sql, word);
    if (isAny(sql, word, end, SESSION_SCOPES)) {
      word = charAt(sql, end) == '.' ? end + 1 : skipTrivia(sql, end);
      end = wordEnd(sql, word);
    }
    if (is(sql, word, end, "TRANSACTION")) {
      return inert(sql, end, TRANSACTION_SETTING);
    }
    return is(sql, word, end, "AUTOCOMMIT") ? autocommit(sql, end) : inert(sql, pos, SESSION_STATE);
  }

  /** Only a lone constant can be mirrored by setAutoCommit; more assignments set other state. */
  private static long autocommit(String sql, int pos) {
    int operator = skipTrivia(sql, pos);
    if (charAt(sql, operator) == ':') {
      operator++;
    }
    int value = skipTrivia(sql, operator + 1);
    int valueEnd = wordEnd(sql, value);
    int after = skipTrivia(sql, valueEnd);
    boolean alone =
        charAt(sql, operator) == '='
            && valueEnd > value
            && (after == sql.length() || sql.charAt(after) == ';');
    return inert(sql, after, alone ? TRANSACTION_SETTING : SESSION_STATE);
  }

  private static long startTransaction(String sql, int pos) {
    // The characteristics come in any order; ONLY can only belong to READ ONLY.
    boolean readOnly = false;
    int i = skipTrivia(sql, pos);
    while (i < sql.length() && sql.charAt(i) != ';') {
      int tokenEnd = tokenEnd(sql, i);
      readOnly |= is(sql, i, tokenEnd, "ONLY");
      i = skipTrivia(sql, tokenEnd);
    }
    return pack((readOnly ? BEGIN_READ_ONLY : BEGIN).ordinal(), Math.min(i + 1, sql.length()));
  }

  private static long endTransaction(String sql, int second, int secondEnd) {
    int word = second;
    int end = secondEnd;
    if (is(sql, word, end, "WORK")) {
      word = skipTrivia(sql, end);
      end = wordEnd(sql, word);
    }
    if (is(sql, word, end, "TO")) {
      // ROLLBACK TO SAVEPOINT keeps the transaction open.
      return inert(sql, end, WRITE);
    }
    boolean chain = is(sql, word, end, "AND") && wordAt(sql, skipTrivia(sql, end), "CHAIN");
    return inert(sql, end, chain ? BEGIN : END_TRANSACTION);
  }

  /** CREATE or DROP: temporary tables and prepared statements exist only in their session. */
  private static long definition(String sql, int second, int secondEnd) {
    int kind = second;
    if (is(sql, second, secondEnd, "OR")) {
      kind = skipTrivia(sql, wordEnd(sql, skipTrivia(sql, secondEnd))); // OR REPLACE TEMPORARY
    }
    int kindEnd = wordEnd(sql, kind);
    return is(sql, kind, kindEnd, "TEMPORARY") || is(sql, kind, kindEnd, "PREPARE")
        ? inert(sql, kindEnd, SESSION_STATE)
        : executing(sql, second, WRITE);
  }

  /** A statement the server executes, so whatever its body calls or locks matters. */
  private static long executing(String sql, int bodyStart, StatementClass base) {
    long body = scanBody(sql, bodyStart);
    int flags = payload(body);
    StatementClass result = base;
    if ((flags & SESSION) != 0) {
      result = SESSION_STATE;
    } else if (base == READ && (flags & NOT_READ) != 0) {
      result = WRITE;
    }
    return pack(result.ordinal(), position(body));
  }

  /** A statement whose class its first words settle; the body is only searched for its end. */
  private static long inert(String sql, int bodyStart, StatementClass result) {
    return pack(result.ordinal(), position(scanBody(sql, bodyStart)));
  }

  /** One pass to the end of the statement, skipping literals and comments; packs the flags. */
  private static long scanBody(String sql, int pos) {
    int flags = 0;
    int i = skipTrivia(sql, pos);
    while (i < sql.length() && sql.charAt(i) != ';') {
      int end = tokenEnd(sql, i);
      int next = skipTrivia(sql, end);
      flags |= tokenFlags(sql, i, end, next);
      i = next;
    }
    return pack(flags, Math.min(i + 1, sql.length()));
  }

  private static int tokenFlags(String sql, int start, int end, int next) {
    char c = sql.charAt(start);
    if (isIdentifierPart(c)) {
      // After a dot even a reserved word is a column or a schema's own routine.
      return charAt(sql, start - 1) == '.' ? 0 : wordFlags(sql, start, end, next);
    } else if (c == '`') {
      // The server resolves a quoted name followed by "(" to the built-in function too.
      return charAt(sql, next) == '(' ? functionFlags(sql, start + 1, end - 1) : 0;
    } else if (c == '@') {
      return variableFlags(sql, start, end);
    }
    return 0;
  }

  private static int wordFlags(String sql, int start, int end, int next) {
    if (charAt(sql, next) == '(') {
      return functionFlags(sql, start, end);
    } else if (isAny(sql, start, end, DATA_CHANGES)) {
      return NOT_READ; // WITH ... UPDATE/DELETE/INSERT, and FOR UPDATE
    } else if (is(sql, start, end, "FOR")) {
      return wordAt(sql, next, "SHARE") ? NOT_READ : 0;
    } else if (is(sql, start, end, "LOCK")) {
      return followedBy(sql, next, "IN", "SHARE") ? NOT_READ : 0;
    } else if (is(sql, start, end, "INTO")) {
      return charAt(sql, next) == '@' ? 0 : NOT_READ; // the variable itself is flagged next
    } else if (is(sql, start, end, "NEXT")) {
      return followedBy(sql, next, "VALUE", "FOR") ? NOT_READ : 0;
    } else if (is(sql, start, end, "PREVIOUS")) {
      return followedBy(sql, next, "VALUE", "FOR") ? SESSION : 0;
    }
    // A later FOUND_ROWS() must run in the connection that counted the rows.
    return is(sql, start, end, "SQL_CALC_FOUND_ROWS") ? SESSION : 0;
  }

  private static int functionFlags(String sql, int start, int end) {
    // User locks belong to the connection that took them; the others report on what this very
    // connection did last.
    if (isAny(sql, start, end, LOCK_FUNCTIONS) || isAny(sql, start, end, LAST_RESULT_FUNCTIONS)) {
      return SESSION;
    }
    return isAny(sql, start, end, SEQUENCE_FUNCTIONS) ? NOT_READ : 0;
  }

  private static int variableFlags(String sql, int start, int end) {
    if (charAt(sql, start + 1) == '@') {
      // Most system variables read the same on a replica; these describe this connection's past.
      int name = end;
      while (name > start + 2 && sql.charAt(name - 1) != '.') {
        name--;
      }
      return isAny(sql, name, end, SESSION_VARIABLES) ? SESSION : 0;
    }
    return isAccountHost(sql, start) ? 0 : SESSION;
  }

  /** Packs a class ordinal or flags with a position, so results need no object. */
  private static long pack(int payload, int position) {
    return ((long) payload << 32) | position;
  }

  private static int payload(long packed) {
    return (int) (packed >>> 32);
  }

  private static int position(long packed) {
    return (int) packed;
  }
}
