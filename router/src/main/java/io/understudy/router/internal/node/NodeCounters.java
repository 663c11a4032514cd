package io.understudy.router.internal.node;

import java.util.concurrent.atomic.LongAdder;

/** Per-node event counts; contention-free on the statement path. */
public final class NodeCounters {

  final LongAdder reads = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder ejections = new LongAdder();
  final LongAdder readmissions = new LongAdder();
  final LongAdder fallbackReads = new LongAdder();

  public long reads() {
    return reads.sum();
  }

  public long writes() {
    return writes.sum();
  }

  public long errors() {
    return errors.sum();
  }

  public long ejections() {
    return ejections.sum();
  }

  public long readmissions() {
    return readmissions.sum();
  }

  public long fallbackReads() {
    return fallbackReads.sum();
  }

  public void read() {
    reads.increment();
  }

  public void write() {
    writes.increment();
  }

  public void error() {
    errors.increment();
  }

  public void ejection() {
    ejections.increment();
  }

  public void readmission() {
    readmissions.increment();
  }

  /** A read that came to this primary because no replica could take it. */
  public void fallbackRead() {
    fallbackReads.increment();
  }
}
