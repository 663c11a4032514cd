package io.understudy.router;

import java.time.Duration;

/** What a {@link ReplicaBalancer} may know about a replica when it chooses one. */
public interface ReplicaView {

  /** {@code host:port}. */
  String name();

  /** Relative share of reads; never 0 here (weight 0 means drained: no reads at all). */
  int weight();

  /** Physical connections this router has lent out on the replica right now. */
  int outstanding();

  /** Replication lag as last measured, or null when not measured. */
  Duration lag();
}
