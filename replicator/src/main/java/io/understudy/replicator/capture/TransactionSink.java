package io.understudy.replicator.capture;

import io.understudy.replicator.model.Transaction;

/**
 * Receives each committed source transaction, complete and in commit order.
 *
 * <p>The capture calls it on its engine thread and reads no further binlog events until it returns,
 * so a sink that blocks (a full queue, a slow replica) slows the capture down instead of letting
 * transactions pile up in memory.
 */
@FunctionalInterface
public interface TransactionSink {

  /**
   * Takes one transaction; may block.
   *
   * @throws InterruptedException when the capture is being closed while the sink waits
   */
  void accept(Transaction transaction) throws InterruptedException;
}
