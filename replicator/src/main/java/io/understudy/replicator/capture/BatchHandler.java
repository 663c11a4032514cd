package io.understudy.replicator.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The engine's consumer: feeds each batch, in order, to the assembler on the engine's own thread,
 * so a sink that blocks holds the engine back (back-pressure), and marks each record processed only
 * after the assembler (and, at a transaction's END, the sink) took it.
 */
final class BatchHandler
    implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

  private final TransactionAssembler assembler;

  BatchHandler(TransactionAssembler assembler) {
    this.assembler = assembler;
  }

  @Override
  public void handleBatch(
      List<ChangeEvent<SourceRecord, SourceRecord>> events,
      DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
      throws InterruptedException {
    for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
      assembler.accept(event.value());
      committer.markProcessed(event);
    }
    assembler.flushPendingDdl();
    committer.markBatchFinished();
  }

  @Override
  public boolean supportsTombstoneEvents() {
    return false;
  }
}
