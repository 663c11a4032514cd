package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.topology.Member;
import io.understudy.replicator.failover.topology.PublishedTopology;
import io.understudy.replicator.failover.topology.Role;
import io.understudy.replicator.failover.topology.Topology;
import io.understudy.replicator.failover.topology.TopologyStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The topology the monitor reasons about: the configured one until a node holds a published epoch,
 * then the highest epoch any node holds. The probes report each node's newest epoch number; only
 * when one exceeds what the monitor knows is the whole epoch read, from that node. Used by the
 * monitor thread only.
 */
final class TopologyTracker {

  private final MonitorConfig config;
  private final TopologyStore store;
  private Topology current;
  private long publishedEpoch;
  private String lastTrouble;

  TopologyTracker(MonitorConfig config, Clock clock) {
    this.config = config;
    this.store = new TopologyStore("understudy-monitor", clock);
    this.current = configured(config);
  }

  Topology current() {
    return current;
  }

  /**
   * Adopts the newest epoch among {@code epochs} (node name to its newest epoch) if it is higher
   * than the one in force; returns a journal entry if something changed or was refused.
   */
  Optional<JournalEntry> follow(Map<String, Long> epochs, Instant now) {
    Optional<Map.Entry<String, Long>> newest =
        epochs.entrySet().stream().max(Map.Entry.comparingByValue());
    if (newest.isEmpty() || newest.get().getValue() <= publishedEpoch) {
      return Optional.empty();
    }
    String holder = newest.get().getKey();
    long epoch = newest.get().getValue();
    MonitoredNode node =
        config.nodes().stream().filter(n -> n.name().equals(holder)).findFirst().orElseThrow();
    try {
      Optional<PublishedTopology> read =
          store.readNewest(url(node), config.user(), config.password());
      if (read.isEmpty() || read.get().epoch() <= publishedEpoch) {
        return Optional.empty(); // rolled back or deleted meanwhile: nothing new after all
      }
      Topology topology = read.get().topology();
      List<String> unknown = unconfiguredMembers(topology);
      publishedEpoch = topology.epoch();
      if (!unknown.isEmpty()) {
        return Optional.of(
            new JournalEntry(
                now,
                "topology",
                holder,
                "refused",
                "epoch "
                    + epoch
                    + " names nodes the monitor has no address for: "
                    + unknown
                    + "; add them to the monitor's configuration. Still reasoning about epoch "
                    + current.epoch()));
      }
      current = topology;
      return Optional.of(
          new JournalEntry(
              now,
              "topology",
              topology.primary().name(),
              "adopted",
              "epoch " + epoch + " read from " + holder + ": " + read.get()));
    } catch (SQLException e) {
      String trouble = epoch + " " + e.getMessage();
      if (trouble.equals(lastTrouble)) {
        return Optional.empty(); // journaled already; retried every round
      }
      lastTrouble = trouble;
      return Optional.of(
          new JournalEntry(
              now,
              "topology",
              holder,
              "unreadable",
              "epoch " + epoch + " could not be read from " + holder + ": " + e.getMessage()));
    }
  }

  private List<String> unconfiguredMembers(Topology topology) {
    Set<String> configured =
        config.nodes().stream().map(MonitoredNode::name).collect(Collectors.toSet());
    return topology.members().stream()
        .filter(m -> m.role() != Role.FENCED && !configured.contains(m.name()))
        .map(Member::name)
        .toList();
  }

  private String url(MonitoredNode node) {
    long millis = config.probeTimeout().toMillis();
    return "jdbc:mysql://"
        + node.host()
        + ":"
        + node.port()
        + "/?connectTimeout="
        + millis
        + "&socketTimeout="
        + millis;
  }

  private static Topology configured(MonitorConfig config) {
    List<Member> members =
        config.nodes().stream()
            .map(
                n ->
                    new Member(
                        n.name(),
                        n.host(),
                        n.port(),
                        n.name().equals(config.primary()) ? Role.PRIMARY : Role.REPLICA))
            .toList();
    return new Topology(1, members, "configured; no topology published on the nodes yet");
  }
}
