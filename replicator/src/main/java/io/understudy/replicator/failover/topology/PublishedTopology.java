package io.understudy.replicator.failover.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * A topology as a node holds it: the epoch and who wrote it when.
 *
 * @param topology the epoch's roles
 * @param writtenAt when the monitor wrote it (microsecond precision, as stored)
 * @param writtenBy which monitor wrote it
 */
public record PublishedTopology(Topology topology, Instant writtenAt, String writtenBy) {

  public PublishedTopology {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(writtenBy, "writtenBy");
  }

  public long epoch() {
    return topology.epoch();
  }

  @Override
  public String toString() {
    return "epoch "
        + topology.epoch()
        + " (primary "
        + topology.primary().name()
        + ", written by "
        + writtenBy
        + " at "
        + writtenAt
        + ")";
  }
}
