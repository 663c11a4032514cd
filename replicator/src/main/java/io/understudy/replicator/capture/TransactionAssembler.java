package io.understudy.replicator.capture;

import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Groups the connector's records, in binlog order, into whole source transactions and hands each to
 * the sink at its END.
 *
 * <p>Rows arrive between a BEGIN and an END record carrying the transaction's GTID. A DDL statement
 * is a GTID transaction of its own in MariaDB; measured with Debezium 3.5 and MariaDB 11.4, the
 * connector emits a BEGIN for it, then the schema change record, and never an END. So a DDL record
 * completes its transaction (held back only until the end of the engine batch, because one
 * statement on several tables arrives as several records with the same GTID), and a BEGIN that
 * finds a transaction still open with nothing in it (a DDL that was filtered out) simply replaces
 * it. Records of the snapshot phase are dropped: it emits DROP ... IF EXISTS statements that would
 * wipe a replica. Rows pass when {@link CaptureConfig#capturesRowsOf} their table, DDL when {@link
 * CaptureConfig#capturesDdl} its tables (or its schema, for a statement on no table): the connector
 * emits DDL of tables its own filters exclude. Transactions left empty by the filter are not handed
 * over: there is nothing to apply.
 */
final class TransactionAssembler {

  private final ChangeRecords records;
  private final CaptureConfig filter;
  private final TransactionSink sink;

  private String openId;
  private List<Change> changes = new ArrayList<>();
  private Instant lastEventTime;
  private Transaction pendingDdl;

  TransactionAssembler(ChangeRecords records, CaptureConfig filter, TransactionSink sink) {
    this.records = records;
    this.filter = filter;
    this.sink = sink;
  }

  /** Takes the next record; calls the sink (which may block) when a transaction completes. */
  void accept(SourceRecord record) throws InterruptedException {
    ChangeRecords.Kind kind = records.kind(record);
    if (kind != ChangeRecords.Kind.SCHEMA && kind != ChangeRecords.Kind.OTHER) {
      flushPendingDdl();
    }
    switch (kind) {
      case TRANSACTION_BEGIN -> begin(ChangeRecords.transactionId(record));
      case ROW -> row(record);
      case TRANSACTION_END -> end(record);
      case SCHEMA -> schema(record);
      case OTHER -> {}
    }
  }

  private void begin(String id) {
    if (openId != null && !changes.isEmpty()) {
      throw new CaptureException(
          "Transaction " + id + " began before transaction " + openId + " ended");
    }
    openId = id;
    changes = new ArrayList<>();
    lastEventTime = null;
  }

  private void row(SourceRecord record) {
    if (ChangeRecords.fromSnapshot(record)
        || !filter.capturesRowsOf(ChangeRecords.tableOf(record))) {
      return;
    }
    String id = ChangeRecords.transactionId(record);
    if (openId == null || !openId.equals(id)) {
      throw new CaptureException(
          "Row of transaction " + id + " arrived outside it (open: " + openId + "): " + record);
    }
    changes.add(ChangeRecords.rowChange(record));
    lastEventTime = ChangeRecords.sourceTime(record);
  }

  private void end(SourceRecord record) throws InterruptedException {
    String id = ChangeRecords.transactionId(record);
    if (openId == null) {
      return; // a DDL transaction, already handed over, should its END ever arrive
    }
    if (!openId.equals(id)) {
      throw new CaptureException("Transaction " + id + " ended but " + openId + " was open");
    }
    List<Change> complete = changes;
    Instant commitTime = ChangeRecords.sourceTime(record);
    openId = null;
    changes = new ArrayList<>();
    if (!complete.isEmpty()) {
      SourcePosition position = ChangeRecords.resumePosition(id, record);
      sink.accept(
          new Transaction(position, commitTime != null ? commitTime : lastEventTime, complete));
    }
  }

  private void schema(SourceRecord record) throws InterruptedException {
    if (ChangeRecords.fromSnapshot(record)) {
      return;
    }
    String gtid = ChangeRecords.gtidOf(record);
    if (pendingDdl != null && pendingDdl.position().gtid().equals(gtid)) {
      // One statement on several tables (DROP TABLE a, b) arrives as one record per table.
      addPendingDdl(record);
      return;
    }
    flushPendingDdl();
    boolean ownTransaction = openId != null && openId.equals(gtid);
    if (openId != null && !ownTransaction) {
      throw new CaptureException("DDL of " + gtid + " arrived inside transaction " + openId);
    }
    if (ownTransaction && !changes.isEmpty()) {
      throw new CaptureException("DDL of " + gtid + " arrived after rows of its transaction");
    }
    openId = null;
    pendingDdl =
        new Transaction(
            ChangeRecords.resumePosition(gtid, record),
            ChangeRecords.sourceTime(record),
            List.of());
    addPendingDdl(record);
  }

  private void addPendingDdl(SourceRecord record) {
    if (!filter.capturesDdl(ChangeRecords.schemaOf(record), ChangeRecords.tablesOf(record))) {
      return;
    }
    List<Change> ddl = new ArrayList<>(pendingDdl.changes());
    ddl.add(ChangeRecords.schemaChange(record));
    pendingDdl = new Transaction(pendingDdl.position(), pendingDdl.commitTime(), ddl);
  }

  /**
   * Hands over the DDL transaction held back to collect all its records; called before any other
   * record and at the end of each engine batch, so DDL waits for nothing but its own batch.
   */
  void flushPendingDdl() throws InterruptedException {
    Transaction ddl = pendingDdl;
    pendingDdl = null;
    if (ddl != null && !ddl.changes().isEmpty()) {
      sink.accept(ddl);
    }
  }
}
