package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink that keeps what it receives, for tests to take in order. */
final class RecordingSink implements TransactionSink {

  private final BlockingQueue<Transaction> received = new LinkedBlockingQueue<>();

  @Override
  public void accept(Transaction transaction) {
    received.add(transaction);
  }

  /** The next transaction, waiting up to 30 s for it. */
  Transaction next() throws InterruptedException {
    Transaction transaction = received.poll(30, TimeUnit.SECONDS);
    assertThat(transaction).as("a transaction within 30 s").isNotNull();
    return transaction;
  }

  List<Transaction> next(int count) throws InterruptedException {
    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      transactions.add(next());
    }
    return transactions;
  }

  /** Asserts that nothing more arrives within {@code quiet}. */
  void assertNothingMore(Duration quiet) throws InterruptedException {
    Transaction extra = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(extra).as("no further transaction").isNull();
  }
}
