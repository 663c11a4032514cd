package io.understudy.replicator.fanout;

import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.TransactionSink;
import io.understudy.replicator.model.SourcePosition;

/** Makes the binlog capture a detached replica catches up with; not started yet. */
@FunctionalInterface
public interface CaptureFactory {

  /**
   * @param replicaIndex the replica's place among the replicator's replicas: each catch-up capture
   *     needs a server id of its own
   * @param resumeAfter the last transaction the replica has been given
   */
  BinlogCapture create(int replicaIndex, SourcePosition resumeAfter, TransactionSink sink);
}
