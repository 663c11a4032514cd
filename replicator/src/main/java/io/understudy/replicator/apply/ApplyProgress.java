package io.understudy.replicator.apply;

import io.understudy.replicator.heartbeat.HeartbeatTable;
import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.Transaction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one applier has committed since it started, for metrics: transactions, rows, and the newest
 * heartbeat among them, which tells the replica's lag without asking the replica. Written by the
 * apply thread after each commit, read from any thread.
 */
public final class ApplyProgress {

  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicReference<Instant> newestHeartbeat = new AtomicReference<>();

  /** Counts {@code committed}, which the replica now holds. */
  void committed(List<Transaction> committed) {
    for (Transaction transaction : committed) {
      transactions.incrementAndGet();
      for (Change change : transaction.changes()) {
        if (change instanceof RowChange row) {
          rows.incrementAndGet();
          heartbeatTime(row).ifPresent(this::sawHeartbeat);
        }
      }
    }
  }

  private void sawHeartbeat(Instant time) {
    newestHeartbeat.accumulateAndGet(
        time, (newest, seen) -> newest == null || seen.isAfter(newest) ? seen : newest);
  }

  /** The {@code ts} a heartbeat row sets: the primary's UTC time when it wrote the row. */
  private static Optional<Instant> heartbeatTime(RowChange row) {
    if (!HeartbeatTable.TABLE.equals(row.table())
        || row.after() == null
        || !(row.after().get("ts") instanceof LocalDateTime ts)) {
      return Optional.empty();
    }
    return Optional.of(ts.toInstant(ZoneOffset.UTC));
  }

  /** Source transactions committed on the replica (those skipped as already applied are not). */
  public long transactions() {
    return transactions.get();
  }

  /** Row changes committed on the replica, heartbeat rows included. */
  public long rows() {
    return rows.get();
  }

  /**
   * The newest heartbeat time (the primary's clock, UTC) among the rows committed; null until the
   * first one.
   */
  public Instant newestHeartbeat() {
    return newestHeartbeat.get();
  }
}
