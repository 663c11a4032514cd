package io.understudy.router.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class StatementClassifierTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readsGoToReplicas(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.READ);
  }

  static Stream<String> readsGoToReplicas() {
    return Stream.of(
        "SELECT 1",
        "select * from t",
        "SeLeCt id FROM users WHERE id = 1",
        "SELECT",
        "  \n\t SELECT 1",
        "\r\n\r\nSELECT 1",
        "-- a comment\nSELECT 1",
        "--\ta comment after a tab\nSELECT 1",
        "# a comment\nSELECT 1",
        "/* a comment */ SELECT 1",
        "/* one */ -- two\n # three\n\tSELECT 1",
        "/*+ not a hint here */SELECT 1",
        "SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t",
        "/*!40101 SELECT 1 */",
        "/*M!100100 SELECT 1 */",
        "SELECT /*!40001 SQL_NO_CACHE */ * FROM t",
        "SELECT @@version",
        "SELECT @@session.sql_mode, @@GLOBAL.read_only",
        "SELECT SLEEP(1)",
        "SELECT COUNT(*) FROM t WHERE a IN (SELECT b FROM u)",
        "SELECT REPLACE(name, 'a', 'b') FROM t",
        "SELECT INSERT ('abc', 1, 1, 'x')",
        "SELECT t.update, t.delete FROM t",
        "SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'",
        "SELECT 2*/*comment*/3",
        "WITH c AS (SELECT 1 AS x) SELECT x FROM c",
        "with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select n from r",
        "WITH a AS (SELECT 1), b AS (SELECT REPLACE('x', 'x', 'y')) SELECT * FROM a, b",
        "(SELECT 1) UNION (SELECT 2)",
        "((SELECT a FROM t) ORDER BY a LIMIT 1)",
        "( WITH c AS (SELECT 1) SELECT * FROM c )",
        "VALUES (1, 2), (3, 4)",
        "VALUES ROW(1, 2)",
        "TABLE t",
        "table t order by a limit 2",
        "SHOW TABLES",
        "SHOW SLAVE STATUS",
        "SHOW REPLICA STATUS",
        "show full processlist",
        "SHOW GRANTS FOR 'app'@'%'",
        "SHOW CREATE TABLE t",
        "SHOW VARIABLES LIKE 'for update'",
        "DESC t",
        "desc t",
        "DESCRIBE t",
        "EXPLAIN SELECT * FROM t",
        "EXPLAIN UPDATE t SET a = 1",
        "EXPLAIN SELECT * FROM t FOR UPDATE",
        "EXPLAIN SELECT GET_LOCK('x', 1)",
        "EXPLAIN FORMAT=JSON DELETE FROM t",
        "EXPLAIN ANALYZE SELECT * FROM t",
        "SELECT 1;",
        "SELECT 1;  \n ",
        "SELECT 1; -- done",
        "SELECT 1; /* done */",
        "SELECT 1; # done",
        "SELECT ';' AS semicolon",
        "SELECT 1 -- ; DROP TABLE t");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void triggerWordsInLiteralsAndCommentsAreIgnored(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.READ);
  }

  static Stream<String> triggerWordsInLiteralsAndCommentsAreIgnored() {
    return Stream.of(
        "SELECT 'for update' FROM t",
        "SELECT \"lock in share mode\" FROM t",
        "SELECT * FROM t WHERE note = 'GET_LOCK('",
        "SELECT * FROM `last_insert_id(`",
        "SELECT `for update`, `into` FROM t",
        "SELECT `a``b GET_LOCK(` FROM t",
        "SELECT 'it''s @x; SET @y = 1' FROM t",
        "SELECT 'a\\' GET_LOCK(' FROM t",
        "SELECT \"O\"\"Brien; FOUND_ROWS()\" FROM t",
        "SELECT * FROM t WHERE a = 'x' -- FOR UPDATE",
        "SELECT * FROM t /* FOR UPDATE */",
        "SELECT * FROM t # INTO OUTFILE '/tmp/x'",
        "SELECT my_get_lock('x'), last_insert_id_copy FROM t",
        "SELECT row_count, found_rows FROM stats",
        "SELECT next_value, previous FROM t",
        "SELECT 'x' INTO_NOTHING FROM t",
        "SELECT _utf8mb4'@x', N'GET_LOCK(', X'40' FROM t");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void writesGoToThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.WRITE);
  }

  static Stream<String> writesGoToThePrimary() {
    return Stream.of(
        "INSERT INTO t VALUES (1)",
        "insert into t select * from u",
        "INSERT INTO t (a) VALUES ('@x'), ('GET_LOCK(')",
        "UPDATE t SET a = 1",
        "DELETE FROM t WHERE id = 1",
        "REPLACE INTO t VALUES (1)",
        "LOAD DATA INFILE '/tmp/x' INTO TABLE t",
        "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN UPDATE SET a = 1",
        "CALL proc()",
        "call shop.refresh(1, 'x')",
        "DO SLEEP(1)",
        "HANDLER t OPEN",
        "CREATE TABLE t (id INT)",
        "CREATE OR REPLACE TABLE t (id INT)",
        "CREATE SEQUENCE s START WITH 1",
        "CREATE VIEW v AS SELECT 1",
        "CREATE USER app@localhost IDENTIFIED BY 'secret'",
        "ALTER TABLE t ADD COLUMN c INT",
        "DROP TABLE t",
        "DROP TABLE IF EXISTS `temporary`",
        "RENAME TABLE a TO b",
        "TRUNCATE TABLE t",
        "GRANT SELECT ON db.* TO 'app'@'%'",
        "REVOKE ALL ON db.* FROM 'app'@'localhost'",
        "ANALYZE TABLE t",
        "OPTIMIZE TABLE t",
        "REPAIR TABLE t",
        "CHECK TABLE t",
        "FLUSH PRIVILEGES",
        "KILL QUERY 42",
        "XA END 'x'",
        "XA COMMIT 'x'",
        "SAVEPOINT s1",
        "RELEASE SAVEPOINT s1",
        "ROLLBACK TO SAVEPOINT s1",
        "rollback work to s1",
        "START SLAVE",
        "EXPLAIN ANALYZE UPDATE t SET a = 1",
        "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`%` */ /*!50001 VIEW v"
            + " AS SELECT 1 */");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void lockingReadsGoToThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.WRITE);
  }

  static Stream<String> lockingReadsGoToThePrimary() {
    return Stream.of(
        "SELECT * FROM t FOR UPDATE",
        "select * from t for update nowait",
        "SELECT * FROM t FOR UPDATE SKIP LOCKED",
        "SELECT * FROM t FOR UPDATE OF t",
        "SELECT * FROM t WHERE a = 1 FOR UPDATE WAIT 5",
        "SELECT * FROM t FOR SHARE",
        "SELECT * FROM t LOCK IN SHARE MODE",
        "SELECT * FROM t FOR /* why not */ UPDATE",
        "SELECT * FROM t FOR\n\tUPDATE",
        "SELECT * FROM t lock\nin  share\tmode",
        "SELECT 1--1 FOR UPDATE",
        "SELECT a FROM t UNION SELECT b FROM u FOR UPDATE",
        "(SELECT a FROM t FOR UPDATE)",
        "/*!80000 SELECT * FROM t FOR UPDATE */",
        "EXPLAIN ANALYZE SELECT * FROM t FOR UPDATE",
        "SELECT * FROM t INTO OUTFILE '/tmp/t.csv'",
        "SELECT * INTO DUMPFILE '/tmp/t.bin' FROM t",
        "TABLE t INTO OUTFILE '/tmp/t'",
        "SELECT NEXTVAL(s)",
        "SELECT nextval (s)",
        "SELECT NEXT VALUE FOR s",
        "select next value for shop.order_seq",
        "SELECT SETVAL(s, 100)",
        "WITH c AS (SELECT id FROM t) UPDATE t JOIN c USING (id) SET a = 1",
        "WITH c AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM c)",
        "WITH c AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM c");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void hintedReadsGoToThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.WRITE);
  }

  static Stream<String> hintedReadsGoToThePrimary() {
    return Stream.of(
        "/* understudy:primary */ SELECT 1",
        "/*understudy:primary*/SELECT * FROM t",
        "  /*  UnderStudy : PRIMARY  */ SHOW TABLES",
        "\n/* understudy:primary */ -- and why\nWITH c AS (SELECT 1) SELECT * FROM c");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void multiStatementStringsGoToThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.WRITE);
  }

  static Stream<String> multiStatementStringsGoToThePrimary() {
    return Stream.of(
        "SELECT 1; SELECT 2",
        "SELECT 1;SELECT 2;",
        "SELECT 1; -- the next one\n SELECT 2",
        "SELECT 'a;b'; DELETE FROM t",
        "SHOW TABLES; DROP TABLE t",
        "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)",
        "BEGIN NOT ATOMIC SELECT 1; END");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @MethodSource
  void unknownOrMissingStatementsGoToThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.WRITE);
  }

  static Stream<String> unknownOrMissingStatementsGoToThePrimary() {
    return Stream.of(
        "   ",
        "\n\t\r\n",
        "-- only a comment",
        "/* only a comment */",
        "# only a comment",
        "/* unterminated comment SELECT 1",
        "frobnicate the database",
        "42",
        ")(",
        "(1)",
        "'just a string'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void sessionStateKeepsTheConnectionOnThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.SESSION_STATE);
  }

  static Stream<String> sessionStateKeepsTheConnectionOnThePrimary() {
    return Stream.of(
        "SET @x = 1",
        "set @x := 1, @y := 2",
        "SET @@session.sql_mode = 'ANSI'",
        "SET SESSION sql_mode = ''",
        "SET sql_mode = 'STRICT_ALL_TABLES'",
        "SET NAMES utf8mb4",
        "SET CHARACTER SET utf8",
        "SET GLOBAL max_connections = 500",
        "SET autocommit = 0, sql_mode = ''",
        "SET autocommit = @saved",
        "/*!40101 SET NAMES utf8 */",
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
        "/*M!100100 SET @x = 1 */",
        "/* understudy:primary */ SET @x = 1",
        "CREATE TEMPORARY TABLE tmp (id INT)",
        "create temporary table tmp select * from t",
        "CREATE OR REPLACE TEMPORARY TABLE tmp (id INT)",
        "DROP TEMPORARY TABLE tmp",
        "DROP TEMPORARY TABLE IF EXISTS tmp",
        "LOCK TABLES t READ",
        "LOCK TABLE t WRITE",
        "UNLOCK TABLES",
        "PREPARE s FROM 'SELECT 1'",
        "EXECUTE s USING @a",
        "EXECUTE IMMEDIATE 'SELECT 1'",
        "DEALLOCATE PREPARE s",
        "DROP PREPARE s",
        "USE shop",
        "XA START 'x'",
        "SHOW WARNINGS",
        "SHOW COUNT(*) ERRORS",
        "SHOW PROFILES");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readsThatTouchSessionStateKeepTheConnectionOnThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.SESSION_STATE);
  }

  static Stream<String> readsThatTouchSessionStateKeepTheConnectionOnThePrimary() {
    return Stream.of(
        "SELECT GET_LOCK('job', 10)",
        "select get_lock ('job', 10)",
        "SELECT RELEASE_LOCK('job')",
        "SELECT RELEASE_ALL_LOCKS()",
        "SELECT IS_USED_LOCK('job'), IS_FREE_LOCK('job')",
        "SELECT LAST_INSERT_ID()",
        "SELECT `last_insert_id`()",
        "SELECT LASTVAL(s)",
        "SELECT PREVIOUS VALUE FOR s",
        "SELECT FOUND_ROWS()",
        "SELECT ROW_COUNT()",
        "SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 10",
        "SELECT a INTO @a FROM t LIMIT 1",
        "SELECT a FROM t LIMIT 1 INTO @a",
        "SELECT @x",
        "SELECT @`odd name`, @'quoted'",
        "SELECT * FROM t WHERE id = @id",
        "SELECT (@n := @n + 1) AS n FROM t",
        "SELECT @@warning_count",
        "SELECT @@session.error_count",
        "SELECT @@IDENTITY",
        "/* understudy:primary */ SELECT LAST_INSERT_ID()",
        "DO GET_LOCK('job', 10)",
        "CALL p(@out)",
        "INSERT INTO t VALUES (LAST_INSERT_ID())",
        "UPDATE counters SET n = LAST_INSERT_ID(n + 1)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void multiStatementStringsWithSessionStatePinThePrimary(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.SESSION_STATE);
  }

  static Stream<String> multiStatementStringsWithSessionStatePinThePrimary() {
    return Stream.of(
        "SELECT 1; SET @x = 1",
        "INSERT INTO t VALUES (1); SELECT LAST_INSERT_ID()",
        "START TRANSACTION; UPDATE t SET a = 1; COMMIT",
        "SET autocommit = 0; SELECT 1",
        "UPDATE t SET a = 1; USE other",
        "BEGIN NOT ATOMIC SET @x = 1; END");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readWriteTransactionsBegin(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.BEGIN);
  }

  static Stream<String> readWriteTransactionsBegin() {
    return Stream.of(
        "BEGIN",
        "begin work",
        "BEGIN;",
        "START TRANSACTION",
        "start transaction read write",
        "START TRANSACTION WITH CONSISTENT SNAPSHOT",
        "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE",
        "-- begin here\nSTART TRANSACTION",
        "/*!40108 BEGIN */",
        "/* understudy:primary */ BEGIN",
        "COMMIT AND CHAIN",
        "ROLLBACK AND CHAIN",
        "commit work and chain");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readOnlyTransactionsBegin(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.BEGIN_READ_ONLY);
  }

  static Stream<String> readOnlyTransactionsBegin() {
    return Stream.of(
        "START TRANSACTION READ ONLY",
        "start transaction read only",
        "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT",
        "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY",
        "START TRANSACTION\n  READ\tONLY;",
        "/* tx */ START TRANSACTION READ /* really */ ONLY");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void transactionsEnd(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.END_TRANSACTION);
  }

  static Stream<String> transactionsEnd() {
    return Stream.of(
        "COMMIT",
        "commit work",
        "COMMIT;",
        "ROLLBACK",
        "ROLLBACK WORK",
        "COMMIT AND NO CHAIN",
        "ROLLBACK AND NO CHAIN NO RELEASE",
        "COMMIT RELEASE",
        "# done\nCOMMIT");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void transactionSettingsAreLeftToTheCaller(String sql) {
    assertThat(StatementClassifier.classify(sql)).isEqualTo(StatementClass.TRANSACTION_SETTING);
  }

  static Stream<String> transactionSettingsAreLeftToTheCaller() {
    return Stream.of(
        "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
        "SET SESSION TRANSACTION READ ONLY",
        "set session transaction isolation level serializable, read write",
        "SET autocommit = 0",
        "SET autocommit=1",
        "set AUTOCOMMIT = ON",
        "SET autocommit := 1;",
        "SET @@autocommit = 0",
        "SET @@session.autocommit = 1",
        "SET SESSION autocommit = 0",
        "/* driver */ SET autocommit=0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void aPrimaryHintIsRecognisedAtTheStart(String sql) {
    assertThat(StatementClassifier.hasPrimaryHint(sql)).isTrue();
  }

  static Stream<String> aPrimaryHintIsRecognisedAtTheStart() {
    return Stream.of(
        "/* understudy:primary */ SELECT 1",
        "/*understudy:primary*/SELECT 1",
        "  \n/*  UNDERSTUDY : Primary  */ SELECT 1",
        "/*\tunderstudy\n:\nprimary\t*/ UPDATE t SET a = 1");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @MethodSource
  void anythingElseIsNoPrimaryHint(String sql) {
    assertThat(StatementClassifier.hasPrimaryHint(sql)).isFalse();
  }

  static Stream<String> anythingElseIsNoPrimaryHint() {
    return Stream.of(
        "SELECT 1",
        "SELECT /* understudy:primary */ 1",
        "/* comment */ /* understudy:primary */ SELECT 1",
        "-- understudy:primary\nSELECT 1",
        "/*! understudy:primary */ SELECT 1",
        "/* understudy:replica */ SELECT 1",
        "/* understudy primary */ SELECT 1",
        "/* understudy:primaryx */ SELECT 1",
        "/* understudy:primary");
  }
}
