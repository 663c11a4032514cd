package io.understudy.replicator.capture;

import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a capture has handed to its sink since it started, for metrics and for failover's stream
 * signal. Counted after the sink returned, so a transaction the sink is still blocked on is not
 * counted yet; its arrival time is recorded before.
 */
public final class CaptureProgress {

  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final Clock clock;
  private volatile Instant lastTransactionAt;

  CaptureProgress() {
    this(Clock.systemUTC());
  }

  CaptureProgress(Clock clock) {
    this.clock = clock;
  }

  /** {@code sink}, counting what it took. */
  TransactionSink counting(TransactionSink sink) {
    return transaction -> {
      lastTransactionAt = clock.instant();
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

  /**
   * When the capture last received a complete source transaction (filtered ones excluded), empty
   * before the first. The heartbeat commits one every 500 ms by default, so a stream that is
   * connected and delivering keeps this recent; the capture's state alone cannot tell, because it
   * stays RUNNING while Debezium tries to reconnect to a dead primary.
   */
  public Optional<Instant> lastTransactionAt() {
    return Optional.ofNullable(lastTransactionAt);
  }
}
