package io.understudy.replicator;

import java.util.List;

/**
 * The column types whose values must survive replication and bootstrap unchanged: one table per
 * group of types, with the statements that create and fill it (a second row NULL in every nullable
 * column) and change it (updates, one of them moving a key, and deletes). Used by {@code
 * TypeFidelityIT} (streaming) and {@code SnapshotCopierIT} (snapshot copy).
 */
public final class TypeMatrix {

  private TypeMatrix() {}

  /** One table and the statements that create and change it, run in the test schema. */
  public record Group(String table, List<String> statements) {

    public Group(String table, String... statements) {
      this(table, List.of(statements));
    }
  }

  public static final Group INTEGERS =
      new Group(
          "integers",
          "CREATE TABLE integers (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED,"
              + " si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT, mu MEDIUMINT UNSIGNED,"
              + " i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED)",
          "INSERT INTO integers VALUES"
              + " (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0),"
              + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
              + " (3, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
              + " 9223372036854775807, 18446744073709551615),"
              + " (4, -1, 128, -1, 32768, -1, 8388608, -1, 2147483648, -1, 9223372036854775808),"
              + " (5, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1)",
          "UPDATE integers SET bu = 18446744073709551614, bi = -9223372036854775807 WHERE id = 5",
          "UPDATE integers SET id = 40, tu = 254 WHERE id = 4",
          "DELETE FROM integers WHERE id = 1 AND bu = 0",
          "INSERT INTO integers VALUES"
              + " (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0)");

  public static final Group DECIMALS =
      new Group(
          "decimals",
          "CREATE TABLE decimals (id INT PRIMARY KEY, d DECIMAL(65,30), w DECIMAL(65,0),"
              + " u DECIMAL(10,2) UNSIGNED)",
          "INSERT INTO decimals VALUES"
              + " (1, 99999999999999999999999999999999999.999999999999999999999999999999,"
              + " 99999999999999999999999999999999999999999999999999999999999999999, 99999999.99),"
              + " (2, NULL, NULL, NULL),"
              + " (3, -99999999999999999999999999999999999.999999999999999999999999999999,"
              + " -99999999999999999999999999999999999999999999999999999999999999999, 0),"
              + " (4, 0.000000000000000000000000000001, 0, 0.01),"
              + " (5, -0.000000000000000000000000000001, -1, 1.10)",
          "UPDATE decimals SET d = 12345.678900000000000000000000000001 WHERE id = 5",
          "DELETE FROM decimals WHERE id = 4");

  public static final Group FLOATS =
      new Group(
          "floats",
          "CREATE TABLE floats (id INT PRIMARY KEY, f FLOAT, d DOUBLE)",
          "INSERT INTO floats VALUES"
              + " (1, 3.40282e38, 1.7976931348623157e308),"
              + " (2, NULL, NULL),"
              + " (3, -3.40282e38, -1.7976931348623157e308),"
              + " (4, 1.17549e-38, 2.2250738585072014e-308),"
              + " (5, 0.1, 0.1), (6, 3.1415927, 3.141592653589793), (7, 0, 0),"
              + " (8, -1.5e-10, 4.9e-324)",
          "UPDATE floats SET f = 1e10, d = 1e-300 WHERE id = 7",
          "DELETE FROM floats WHERE id = 6");

  public static final Group BITS =
      new Group(
          "bits",
          "CREATE TABLE bits (id INT PRIMARY KEY, b1 BIT(1), b5 BIT(5), b64 BIT(64))",
          "INSERT INTO bits VALUES"
              + " (1, b'1', b'10101', x'ffffffffffffffff'),"
              + " (2, NULL, NULL, NULL),"
              + " (3, b'0', b'00001', x'8000000000000001'),"
              + " (4, b'1', b'11111', x'00ff00ff00ff00ff'),"
              + " (5, b'0', b'00000', x'0000000000000000')",
          "UPDATE bits SET b1 = b'1', b64 = x'0100000000000000' WHERE id = 5",
          "DELETE FROM bits WHERE id = 4");

  public static final Group TEXTS =
      new Group(
          "texts",
          "CREATE TABLE texts (id INT PRIMARY KEY, c CHAR(10), v VARCHAR(300), t TEXT,"
              + " lt LONGTEXT) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
          "INSERT INTO texts VALUES"
              + " (1, '😀𝄞中é', 'emoji 😀 clef 𝄞 and han 中', 'tab\\tnewline\\nquote''s \\\\',"
              + " REPEAT('😀𝄞 long ', 40000)),"
              + " (2, NULL, NULL, NULL, NULL),"
              + " (3, '', '', '', ''),"
              + " (4, 'x', 'trailing   ', CONCAT('nul', CHAR(0 USING utf8mb4), 'inside'), '🙂'),"
              + " (5, 'NULL', 'null', 'NULL', 'null')",
          "UPDATE texts SET v = '𝕌𝕟𝕕𝕖𝕣𝕤𝕥𝕦𝕕𝕪', lt = CONCAT(lt, '🦀') WHERE id = 1",
          "DELETE FROM texts WHERE id = 5");

  public static final Group BINARIES =
      new Group(
          "binaries",
          "CREATE TABLE binaries (id INT PRIMARY KEY, b BINARY(8), vb VARBINARY(300), bl BLOB,"
              + " lb LONGBLOB)",
          "INSERT INTO binaries VALUES"
              + " (1, x'00ff00ff00ff00ff', x'00', x'ff', x'00ff'),"
              + " (2, NULL, NULL, NULL, NULL),"
              + " (3, x'ff00', x'', x'', x''),"
              + " (4, x'00', x'ff00ff0000', x'000000', x'ffffffff'),"
              + " (5, x'0102', x'0000', x'7f80', REPEAT(x'00ff80', 100000))",
          "UPDATE binaries SET vb = x'ff', bl = x'00' WHERE id = 3",
          "UPDATE binaries SET id = 50 WHERE id = 5",
          "DELETE FROM binaries WHERE id = 4");

  public static final Group TEMPORALS =
      new Group(
          "temporals",
          "CREATE TABLE temporals (id INT PRIMARY KEY, d DATE, t TIME(6), dt DATETIME(6),"
              + " ts TIMESTAMP(6) NULL, t0 TIME, dt0 DATETIME, ts0 TIMESTAMP NULL, y YEAR)",
          "INSERT INTO temporals VALUES"
              + " (1, '1000-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000',"
              + " '1970-01-01 00:00:01.000000', '-838:59:59', '1000-01-01 00:00:00',"
              + " '1970-01-01 00:00:01', 1901),"
              + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
              + " (3, '9999-12-31', '838:59:59.000000', '9999-12-31 23:59:59.999999',"
              + " '2038-01-19 03:14:07.999999', '838:59:59', '9999-12-31 23:59:59',"
              + " '2038-01-19 03:14:07', 2155),"
              + " (4, '2024-02-29', '-12:34:56.789012', '2024-02-29 12:34:56.000001',"
              + " '2024-02-29 12:34:56.000001', '-00:00:01', '2024-02-29 12:34:56',"
              + " '2024-02-29 12:34:56', 2024),"
              + " (5, '1970-01-01', '-00:00:00.000001', '1970-01-01 00:00:00.000000',"
              + " '2000-01-01 00:00:00.5', '00:00:00', '1970-01-01 00:00:00',"
              + " '2000-01-01 00:00:00', 1970),"
              + " (6, '2000-02-29', '100:00:00.5', '2000-02-29 23:59:59.999999',"
              + " '1999-12-31 23:59:59.999999', '23:59:59', '2000-02-29 23:59:59',"
              + " '1999-12-31 23:59:59', 2000)",
          "UPDATE temporals SET t = '-00:00:00.5', ts = '2038-01-19 03:14:07' WHERE id = 5",
          "DELETE FROM temporals WHERE id = 6");

  public static final Group CHOICES =
      new Group(
          "choices",
          "CREATE TABLE choices (id INT PRIMARY KEY, e ENUM('a', 'b', '😀'),"
              + " s SET('x', 'y', 'z'), j JSON) CHARACTER SET utf8mb4",
          "INSERT INTO choices VALUES"
              + " (1, '😀', 'x,z', '{\"a\": [1, 2.5, \"😀\"], \"b\": null, \"c\": 1e300}'),"
              + " (2, NULL, NULL, NULL),"
              + " (3, 'a', '', '[]'),"
              + " (4, 'b', 'x,y,z', '\"just a string\"'),"
              + " (5, 'a', 'y', '{\"n\": 18446744073709551615}')",
          "UPDATE choices SET s = 'y,z', j = JSON_SET(j, '$.d', 'added') WHERE id = 1",
          "DELETE FROM choices WHERE id = 4");

  public static final Group GENERATED = generatedColumns("computed");

  /** VIRTUAL (indexed) and STORED generated columns, which the replica computes itself. */
  public static Group generatedColumns(String table) {
    return new Group(
        table,
        "CREATE TABLE "
            + table
            + " (id INT PRIMARY KEY, a INT, b VARCHAR(20), v BIGINT AS (a * 2) VIRTUAL,"
            + " s VARCHAR(40) AS (CONCAT(b, '/', a)) STORED, KEY (v))",
        "INSERT INTO " + table + " (id, a, b) VALUES (1, 21, 'x😀'), (2, NULL, NULL), (3, -5, 'y')",
        "UPDATE " + table + " SET a = 22 WHERE id = 1",
        "UPDATE " + table + " SET id = 30, b = 'z' WHERE id = 3");
  }

  public static final Group SIGNED_ZEROS =
      new Group(
          "signed_zeros",
          "CREATE TABLE signed_zeros (id INT PRIMARY KEY, f FLOAT, d DOUBLE)",
          "INSERT INTO signed_zeros VALUES (1, -0e0, -0e0), (2, 0e0, 0e0)");

  public static final List<Group> ALL_GROUPS =
      List.of(INTEGERS, DECIMALS, FLOATS, BITS, TEXTS, BINARIES, TEMPORALS, CHOICES, GENERATED);

  /** Written in a +05:30 session: the instants are those of the expectation in the test. */
  public static final Group TIMESTAMPS_IN_INDIA =
      new Group(
          "zoned",
          "CREATE TABLE zoned (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME(6),"
              + " now_ts TIMESTAMP(6) NULL)",
          "INSERT INTO zoned VALUES"
              + " (1, '1970-01-01 05:30:01', '1000-01-01 00:00:00', NOW(6)),"
              + " (2, '2038-01-19 08:44:07.999999', '9999-12-31 23:59:59.999999', NOW(6)),"
              + " (3, '2024-03-31 06:29:59.5', '2024-03-31 06:29:59.5', NULL),"
              + " (4, NULL, NULL, NULL),"
              + " (5, '2000-01-01 00:00:00', '2000-01-01 00:00:00', NOW(6))",
          "UPDATE zoned SET now_ts = NOW(6) WHERE id = 3",
          "DELETE FROM zoned WHERE id = 5");
}
