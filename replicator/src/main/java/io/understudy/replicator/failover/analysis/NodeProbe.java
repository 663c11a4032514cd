package io.understudy.replicator.failover.analysis;

import io.understudy.replicator.model.SourcePosition;
import java.time.Instant;
import java.util.Objects;

/**
 * What the probes know about one node at one moment, plus the node's promotion settings from the
 * configuration. Values read from the server are those of its last successful probe, so for an
 * unreachable node they may be old.
 *
 * @param node the node's name, as in the topology
 * @param reachable whether the latest probe got an answer
 * @param readOnly the node's {@code read_only}
 * @param consecutiveFailures probes failed in a row up to now (0 while reachable)
 * @param failingSince when the first of those failures happened (null while reachable)
 * @param appliedSource a replica's {@code understudy.applied_position}: the last source transaction
 *     it applied (null if it applied none, and for the primary)
 * @param binlogPosition the node's own {@code @@gtid_binlog_pos} and binlog coordinates (null if
 *     its binary log holds no GTID yet); for the primary this is how far the source has got
 * @param neverPromote the configuration forbids making this node primary
 * @param priority the configuration's preference among equally advanced replicas: higher wins
 */
public record NodeProbe(
    String node,
    boolean reachable,
    boolean readOnly,
    int consecutiveFailures,
    Instant failingSince,
    SourcePosition appliedSource,
    SourcePosition binlogPosition,
    boolean neverPromote,
    int priority) {

  public NodeProbe {
    Objects.requireNonNull(node, "node");
    if (reachable != (consecutiveFailures == 0) || reachable != (failingSince == null)) {
      throw new IllegalArgumentException(
          "probe of "
              + node
              + " is inconsistent: a reachable node has no failures and no failingSince, an"
              + " unreachable one has both (reachable="
              + reachable
              + ", consecutiveFailures="
              + consecutiveFailures
              + ", failingSince="
              + failingSince
              + ")");
    }
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException(
          "consecutiveFailures of " + node + " is negative: " + consecutiveFailures);
    }
  }

  /** The sequence number of the last applied source transaction; 0 if none was applied. */
  public long appliedSequence() {
    return appliedSource == null ? 0 : appliedSource.sequence();
  }
}
