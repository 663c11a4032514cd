package io.understudy.replicator.model;

import java.time.Instant;
import java.util.List;

/**
 * One committed source transaction: its changes in source order. It is applied to a replica as one
 * replica transaction or not at all.
 */
public record Transaction(SourcePosition position, Instant commitTime, List<Change> changes) {

  public Transaction {
    changes = List.copyOf(changes);
  }
}
