package io.understudy.replicator.fanout;

import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.TransactionSink;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detached replica's own capture, from the last transaction it was given up to the main stream's
 * head, where the fan-out attaches the replica again. Only that replica waits on it, so a slow
 * replica catching up holds back nobody.
 */
final class CatchUp implements TransactionSink {

  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final ReplicaFeed feed;
  private final FanOut fanOut;
  private final BinlogCapture capture;
  private volatile Throwable startFailure;
  private volatile boolean closing;

  CatchUp(ReplicaFeed feed, FanOut fanOut, CaptureFactory captures, SourcePosition resumeAfter) {
    this.feed = feed;
    this.fanOut = fanOut;
    this.capture = captures.create(feed.index(), resumeAfter, this);
  }

  /** Starts the capture on a thread of its own: starting waits until the binlog is read. */
  void start() {
    Thread starter =
        new Thread(
            () -> {
              try {
                capture.start();
              } catch (RuntimeException e) {
                startFailure = e;
              }
            },
            "understudy-catch-up-" + feed.replica());
    starter.setDaemon(true);
    starter.start();
  }

  @Override
  public void accept(Transaction transaction) throws InterruptedException {
    while (!closing
        && feed.mode() == ReplicaFeed.Mode.DETACHED
        && !feed.applier().state().isFinal()
        && feed.deliver(transaction, POLL) == ReplicaFeed.Delivery.FULL) {
      // Only this replica's capture waits here.
    }
    if (feed.mode() == ReplicaFeed.Mode.DETACHED) {
      fanOut.attachIfCaughtUp(feed, transaction.position());
    }
  }

  /** Why the capture failed to start or stopped on an error; null while it works. */
  Throwable failure() {
    if (startFailure != null) {
      return startFailure;
    }
    return capture.state() == BinlogCapture.State.FAILED ? capture.failure() : null;
  }

  void close() {
    closing = true; // so that a sink waiting on a full queue lets the engine stop at once
    try {
      capture.close();
    } catch (RuntimeException e) {
      log.warn("Closing the catch-up capture of {} failed", feed.replica(), e);
    }
  }
}
