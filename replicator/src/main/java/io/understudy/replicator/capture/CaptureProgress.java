package io.understudy.replicator.capture;

import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.Transaction;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a capture has handed to its sink since it started, for metrics. Counted after the sink
 * returned, so a transaction the sink is still blocked on is not counted yet.
 */
public final class CaptureProgress {

  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();

  /** {@code sink}, counting what it took. */
  TransactionSink counting(TransactionSink sink) {
    return transaction -> {
      sink.accept(transaction);
      counted(transaction);
    };
  }

  private void counted(Transaction transaction) {
    transactions.incrementAndGet();
    rows.addAndGet(transaction.changes().stream().filter(RowChange.class::isInstance).count());
  }

  /** Source transactions handed over (after filtering; DDL transactions included). */
  public long transactions() {
    return transactions.get();
  }

  /** Row changes handed over, heartbeat rows included. */
  public long rows() {
    return rows.get();
  }
}
