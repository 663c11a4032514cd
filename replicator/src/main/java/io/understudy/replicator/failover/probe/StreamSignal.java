package io.understudy.replicator.failover.probe;

import io.understudy.replicator.capture.CaptureProgress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The second signal of failure detection: when the replicator's binlog stream from the primary last
 * delivered a transaction. The heartbeat commits one every 500 ms by default, so a stream that is
 * up delivers often; one silent for the failure timeout is down, even while the capture still says
 * RUNNING because Debezium keeps trying to reconnect.
 */
@FunctionalInterface
public interface StreamSignal {

  /** When the stream last delivered a transaction, empty if it never did. */
  Optional<Instant> lastTransactionAt();

  /**
   * The signal of whatever capture {@code progress} returns at each call, so that the monitor
   * follows a replicator that replaced its capture.
   */
  static StreamSignal of(Supplier<CaptureProgress> progress) {
    return () -> progress.get().lastTransactionAt();
  }
}
