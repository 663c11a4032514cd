package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import io.understudy.replicator.model.Transaction;
import io.understudy.replicator.schema.UnderstudySchema;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 1)
class BinlogCaptureIT {

  /** Each capture announces its own server id, so a closing one never collides with the next. */
  private static final AtomicLong SERVER_IDS = new AtomicLong(5400);

  private static final Duration QUIET = Duration.ofMillis(700);

  /** As the replicator's HeartbeatWriter writes it: an INSERT the first time, UPDATEs after. */
  private static final String HEARTBEAT_UPSERT =
      "INSERT INTO understudy.heartbeat (id, ts) VALUES (1, UTC_TIMESTAMP(3))"
          + " ON DUPLICATE KEY UPDATE ts = VALUES(ts)";

  @Test
  void multiStatementTransaction_arrivesAsOneTransactionWithItsRowsInOrder(
      Cluster cluster, TestSchema schema) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    primary.execute(app, schema.name(), "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      String fileBefore = primary.queryStringAt("SHOW MASTER STATUS", 1);
      long positionBefore = Long.parseLong(primary.queryStringAt("SHOW MASTER STATUS", 2));
      primary.inTransaction(
          app,
          schema.name(),
          "INSERT INTO t VALUES (1, 'one'), (2, 'two')",
          "INSERT INTO t VALUES (3, 'three')",
          "UPDATE t SET name = 'TWO' WHERE id = 2",
          "DELETE FROM t WHERE id = 1");

      Transaction transaction = sink.next();
      TableId t = new TableId(schema.name(), "t");
      assertThat(transaction.changes())
          .containsExactly(
              new RowChange(t, Operation.INSERT, List.of("id"), null, row(1, "one")),
              new RowChange(t, Operation.INSERT, List.of("id"), null, row(2, "two")),
              new RowChange(t, Operation.INSERT, List.of("id"), null, row(3, "three")),
              new RowChange(t, Operation.UPDATE, List.of("id"), row(2, "two"), row(2, "TWO")),
              new RowChange(t, Operation.DELETE, List.of("id"), row(1, "one"), null));
      assertThat(transaction.position().gtid())
          .isEqualTo(primary.queryString("SELECT @@gtid_binlog_pos"));
      // Debezium's END record carries the restart point of the transaction's start (see
      // docs/replication.md): file/pos are where the transaction begins; the GTID drives resuming.
      assertThat(transaction.position().file()).isEqualTo(fileBefore);
      assertThat(transaction.position().position()).isEqualTo(positionBefore);
      assertThat(transaction.commitTime()).isNotNull();
      sink.assertNothingMore(QUIET);
    }
  }

  @Test
  void autocommitStatements_arriveAsSeparateTransactionsInCommitOrder(
      Cluster cluster, TestSchema schema) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    primary.execute(app, schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)");
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      primary.execute(
          app,
          schema.name(),
          "INSERT INTO t VALUES (1)",
          "INSERT INTO t VALUES (2)",
          "INSERT INTO t VALUES (3)");

      List<Transaction> transactions = sink.next(3);
      assertThat(transactions)
          .extracting(tx -> ((RowChange) tx.changes().get(0)).after().get("id"))
          .containsExactly(1, 2, 3);
      assertThat(transactions).allSatisfy(tx -> assertThat(tx.changes()).hasSize(1));
      assertThat(transactions.get(1).position().isAfter(transactions.get(0).position())).isTrue();
      assertThat(transactions.get(2).position().isAfter(transactions.get(1).position())).isTrue();
      sink.assertNothingMore(QUIET);
    }
  }

  @Test
  void createAndAlterTable_arriveAsSchemaChangesOfTheirOwn(Cluster cluster, TestSchema schema)
      throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      primary.execute(
          app,
          schema.name(),
          "CREATE TABLE t (id INT PRIMARY KEY)",
          "ALTER TABLE t ADD COLUMN note VARCHAR(10)",
          "INSERT INTO t VALUES (1, 'x')",
          "CREATE TABLE u1 (id INT)",
          "CREATE TABLE u2 (id INT)",
          "DROP TABLE u1, u2");

      List<Transaction> transactions = sink.next(6);
      assertThat(transactions.get(0).changes())
          .containsExactly(new SchemaChange(schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)"));
      assertThat(transactions.get(1).changes())
          .containsExactly(
              new SchemaChange(schema.name(), "ALTER TABLE t ADD COLUMN note VARCHAR(10)"));
      assertThat(transactions.get(0).position().gtid()).isNotBlank();
      assertThat(transactions.get(1).position().isAfter(transactions.get(0).position())).isTrue();
      assertThat(((RowChange) transactions.get(2).changes().get(0)).after())
          .isEqualTo(Map.of("id", 1, "note", "x"));
      // Debezium splits a statement dropping two tables into one statement per table; they stay
      // in one transaction.
      String quoted = "`" + schema.name() + "`.";
      assertThat(transactions.get(5).changes())
          .containsExactly(
              new SchemaChange(schema.name(), "DROP TABLE " + quoted + "`u1`"),
              new SchemaChange(schema.name(), "DROP TABLE " + quoted + "`u2`"));
      sink.assertNothingMore(QUIET);
    }
  }

  @Test
  void snapshotPhase_emitsNoDdl(Cluster cluster, TestSchema schema) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    primary.execute(
        app,
        schema.name(),
        "CREATE TABLE a (id INT PRIMARY KEY)",
        "CREATE TABLE b (id INT PRIMARY KEY)");
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      sink.assertNothingMore(QUIET);
      primary.execute(app, schema.name(), "INSERT INTO b VALUES (7)");
      List<Change> changes = sink.next().changes();
      assertThat(changes).hasSize(1).allMatch(RowChange.class::isInstance);
      sink.assertNothingMore(QUIET);
    }
  }

  @Test
  void restartAfterTheSecondOfFourTransactions_deliversExactlyTheThirdAndFourth(
      Cluster cluster, TestSchema schema) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    primary.execute(app, schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)");
    RecordingSink first = new RecordingSink();
    List<Transaction> four;
    try (BinlogCapture capture = started(primary, schema, first)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      primary.execute(app, schema.name(), "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
      primary.inTransaction(
          app, schema.name(), "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (4)");
      primary.execute(app, schema.name(), "INSERT INTO t VALUES (5)");
      four = first.next(4);
    }

    SourcePosition second = four.get(1).position();
    RecordingSink again = new RecordingSink();
    CaptureConfig config =
        primary
            .captureConfig(SERVER_IDS.incrementAndGet())
            .including(List.of(schema.name()))
            .startingAfter(second);
    try (BinlogCapture capture = new BinlogCapture(config, again)) {
      capture.start();
      assertThat(again.next(2)).containsExactly(four.get(2), four.get(3));
      again.assertNothingMore(QUIET);
    }
  }

  @Test
  void understudySchema_onlyHeartbeatRowsAreCaptured_neverItsDdlOrOtherTables(
      Cluster cluster, TestSchema schema) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials admin = cluster.users().admin();
    Credentials app = cluster.users().app();
    Credentials replicator = cluster.users().replicator();
    UnderstudySchema.migrate(cluster.node(0).jdbcUrl(), replicator.user(), replicator.password());
    primary.execute(
        admin,
        null,
        "CREATE TABLE IF NOT EXISTS understudy.capture_probe (id INT PRIMARY KEY)",
        "DELETE FROM understudy.heartbeat");
    primary.execute(app, schema.name(), "CREATE TABLE t (id INT PRIMARY KEY)");
    RecordingSink sink = new RecordingSink();
    CaptureConfig everything = primary.captureConfig(SERVER_IDS.incrementAndGet());
    try (BinlogCapture capture = new BinlogCapture(everything, sink)) {
      capture.start();
      primary.execute(
          admin,
          null,
          "INSERT INTO understudy.applied_position (stream, gtid, applied_at)"
              + " VALUES ('probe', '0-1-1', UTC_TIMESTAMP(6))",
          "INSERT INTO understudy.capture_probe VALUES (1)",
          "ALTER TABLE understudy.capture_probe ADD COLUMN x INT",
          "ALTER TABLE understudy.heartbeat COMMENT = 'altered by BinlogCaptureIT'",
          "CREATE TABLE understudy.capture_probe_2 (id INT PRIMARY KEY)",
          "DROP TABLE understudy.capture_probe_2");
      primary.execute(replicator, null, HEARTBEAT_UPSERT, HEARTBEAT_UPSERT);
      primary.execute(app, schema.name(), "INSERT INTO t VALUES (1)");

      TableId heartbeat = new TableId("understudy", "heartbeat");
      List<Transaction> transactions = sink.next(3);
      RowChange inserted = (RowChange) transactions.get(0).changes().get(0);
      assertThat(inserted.table()).isEqualTo(heartbeat);
      assertThat(inserted.operation()).isEqualTo(Operation.INSERT);
      assertThat(inserted.keyColumns()).containsExactly("id");
      assertThat(inserted.after().get("id")).isEqualTo(1);
      assertThat(inserted.after().get("ts")).isInstanceOf(LocalDateTime.class);
      RowChange updated = (RowChange) transactions.get(1).changes().get(0);
      assertThat(updated.table()).isEqualTo(heartbeat);
      assertThat(updated.operation()).isEqualTo(Operation.UPDATE);
      assertThat(updated.before()).isEqualTo(inserted.after());
      assertThat(((RowChange) transactions.get(2).changes().get(0)).table())
          .isEqualTo(new TableId(schema.name(), "t"));
      assertThat(transactions).allSatisfy(tx -> assertThat(tx.changes()).hasSize(1));
      sink.assertNothingMore(QUIET);
    } finally {
      primary.execute(
          admin,
          null,
          "DROP TABLE IF EXISTS understudy.capture_probe",
          "ALTER TABLE understudy.heartbeat COMMENT = ''",
          "DELETE FROM understudy.heartbeat",
          "DELETE FROM understudy.applied_position WHERE stream = 'probe'");
    }
  }

  @Test
  void heartbeatRows_areCapturedWithAnIncludeListToo(Cluster cluster, TestSchema schema)
      throws Exception {
    Primary primary = new Primary(cluster);
    Credentials replicator = cluster.users().replicator();
    UnderstudySchema.migrate(cluster.node(0).jdbcUrl(), replicator.user(), replicator.password());
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      primary.execute(replicator, null, HEARTBEAT_UPSERT);
      RowChange change = (RowChange) sink.next().changes().get(0);
      assertThat(change.table()).isEqualTo(new TableId("understudy", "heartbeat"));
      sink.assertNothingMore(QUIET);
    } finally {
      primary.execute(cluster.users().admin(), null, "DELETE FROM understudy.heartbeat");
    }
  }

  @Test
  void columnValues_arriveAsTheExactJavaValuesOfTheModel(Cluster cluster, TestSchema schema)
      throws Exception {
    Primary primary = new Primary(cluster);
    Credentials app = cluster.users().app();
    primary.execute(
        app,
        schema.name(),
        "CREATE TABLE t (id INT PRIMARY KEY, big BIGINT UNSIGNED, dec65 DECIMAL(65,30),"
            + " dbl DOUBLE, txt VARCHAR(20), bin VARBINARY(8), d DATE, dt DATETIME(6),"
            + " ts TIMESTAMP(6) NULL, tm TIME(6), yr YEAR, en ENUM('small','large'),"
            + " st SET('a','b','c'), js JSON, flag BIT(1), bits BIT(64), nothing INT)");
    RecordingSink sink = new RecordingSink();
    try (BinlogCapture capture = started(primary, schema, sink)) {
      assertThat(capture.state()).isEqualTo(BinlogCapture.State.RUNNING);
      primary.execute(
          app,
          schema.name(),
          "SET time_zone = '+00:00'",
          "INSERT INTO t VALUES (-2147483648, 18446744073709551615,"
              + " 12345678901234567890123456789012345.123456789012345678901234567890,"
              + " 3.141592653589793, 'a\uD83D\uDE00b', 0x00FF0001, '2024-02-29',"
              + " '2024-02-29 23:59:58.123456', '2024-02-29 12:34:56.654321',"
              + " '-838:59:59.000000', 2155, 'large', 'a,c', '{\"k\": [1, 2]}', b'1',"
              + " 0x8000000000000001, NULL)");

      Map<String, Object> after = ((RowChange) sink.next().changes().get(0)).after();
      Map<String, Object> expected = new HashMap<>();
      expected.put("id", Integer.MIN_VALUE);
      expected.put("big", new BigInteger("18446744073709551615"));
      expected.put(
          "dec65",
          new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890"));
      expected.put("dbl", 3.141592653589793);
      expected.put("txt", "a\uD83D\uDE00b");
      expected.put("d", LocalDate.of(2024, 2, 29));
      expected.put("dt", LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
      expected.put("ts", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 654_321_000));
      expected.put("tm", Duration.ofHours(-838).minusMinutes(59).minusSeconds(59));
      expected.put("yr", 2155);
      expected.put("en", "large");
      expected.put("st", "a,c");
      expected.put("js", "{\"k\": [1, 2]}");
      expected.put("flag", true);
      expected.put("nothing", null);
      assertThat(after).containsAllEntriesOf(expected);
      assertThat((byte[]) after.get("bin")).containsExactly(0x00, 0xFF, 0x00, 0x01);
      assertThat((byte[]) after.get("bits")).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 0x01);
      assertThat(after).hasSize(expected.size() + 2);
    }
  }

  @Test
  void wrongPassword_failsStartNamingTheUser(Cluster cluster) {
    Primary primary = new Primary(cluster);
    CaptureConfig base = primary.captureConfig(SERVER_IDS.incrementAndGet());
    CaptureConfig wrong =
        new CaptureConfig(
            base.host(), base.port(), base.user(), "nope", base.serverId(), null, null);
    BinlogCapture capture = new BinlogCapture(wrong, new RecordingSink());
    assertThatThrownBy(capture::start)
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("access denied for user 'replicator'")
        .hasMessageContaining("password");
    assertThat(capture.state()).isEqualTo(BinlogCapture.State.FAILED);
  }

  @Test
  void missingGrants_failStartNamingEachPrivilege(Cluster cluster) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials admin = cluster.users().admin();
    primary.execute(
        admin,
        null,
        "SET SESSION sql_log_bin = 0",
        "CREATE OR REPLACE USER 'weak_capture'@'%' IDENTIFIED BY 'weak-secret'",
        "GRANT SELECT, REPLICATION SLAVE ON *.* TO 'weak_capture'@'%'");
    CaptureConfig base = primary.captureConfig(SERVER_IDS.incrementAndGet());
    CaptureConfig weak =
        new CaptureConfig(
            base.host(), base.port(), "weak_capture", "weak-secret", base.serverId(), null, null);
    try {
      assertThatThrownBy(() -> new BinlogCapture(weak, new RecordingSink()).start())
          .isInstanceOf(CaptureException.class)
          .hasMessageContaining("user 'weak_capture' lacks RELOAD, SHOW DATABASES, BINLOG MONITOR")
          .hasMessageContaining("GRANT RELOAD, SHOW DATABASES, BINLOG MONITOR ON *.*");
    } finally {
      primary.execute(admin, null, "SET SESSION sql_log_bin = 0", "DROP USER 'weak_capture'@'%'");
    }
  }

  @Test
  void statementBasedBinlog_failsStartSayingHowToFixIt(Cluster cluster) throws Exception {
    Primary primary = new Primary(cluster);
    Credentials admin = cluster.users().admin();
    primary.execute(admin, null, "SET GLOBAL binlog_format = 'STATEMENT'");
    try {
      CaptureConfig config = primary.captureConfig(SERVER_IDS.incrementAndGet());
      assertThatThrownBy(() -> new BinlogCapture(config, new RecordingSink()).start())
          .isInstanceOf(CaptureException.class)
          .hasMessageContaining("binlog_format is STATEMENT")
          .hasMessageContaining("SET GLOBAL binlog_format='ROW'");
    } finally {
      primary.execute(admin, null, "SET GLOBAL binlog_format = 'ROW'");
    }
  }

  static BinlogCapture started(Primary primary, TestSchema schema, TransactionSink sink) {
    CaptureConfig config =
        primary.captureConfig(SERVER_IDS.incrementAndGet()).including(List.of(schema.name()));
    BinlogCapture capture = new BinlogCapture(config, sink);
    capture.start();
    return capture;
  }

  private static Map<String, Object> row(int id, String name) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("name", name);
    return row;
  }
}
