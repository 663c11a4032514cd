package io.understudy.replicator.failover.analysis;

import io.understudy.replicator.failover.topology.Member;
import io.understudy.replicator.failover.topology.Role;
import io.understudy.replicator.failover.topology.Topology;
import io.understudy.replicator.model.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything the analysis looks at, gathered by the probe stage at one moment: the topology in
 * force, one probe per node, the state of the replicator's binlog stream from the primary, and when
 * the last failover happened. Fenced members may be left out; the primary and every replica may
 * not, because a node the analysis cannot see would otherwise count as healthy.
 *
 * @param takenAt the moment the analysis reasons about ("now")
 * @param topology the epoch in force: who is primary, who replicas
 * @param probes one per node, any order
 * @param streamUp whether the replicator's binlog stream from the primary is connected and
 *     delivering (the heartbeat keeps a live stream busy): the second signal, independent of the
 *     monitor's own connection
 * @param lastFailoverAt when the newest failover happened, null if never
 */
public record ProbeSnapshot(
    Instant takenAt,
    Topology topology,
    List<NodeProbe> probes,
    boolean streamUp,
    Instant lastFailoverAt) {

  public ProbeSnapshot {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(topology, "topology");
    probes = List.copyOf(probes);
    List<String> problems = problems(topology, probes);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid probe snapshot of epoch "
              + topology.epoch()
              + ": "
              + String.join("; ", problems));
    }
  }

  /** The probe of the primary named by the topology. */
  public NodeProbe primary() {
    return probe(topology.primary().name()).orElseThrow();
  }

  /** The probes of the topology's replicas, in topology order (fenced members excluded). */
  public List<NodeProbe> replicas() {
    return topology.membersWith(Role.REPLICA).stream()
        .map(member -> probe(member.name()).orElseThrow())
        .toList();
  }

  public Optional<NodeProbe> probe(String node) {
    return probes.stream().filter(p -> p.node().equals(node)).findFirst();
  }

  private static List<String> problems(Topology topology, List<NodeProbe> probes) {
    List<String> problems = new ArrayList<>();
    Map<String, NodeProbe> byName = new LinkedHashMap<>();
    for (NodeProbe probe : probes) {
      if (byName.put(probe.node(), probe) != null) {
        problems.add("two probes of " + probe.node());
      }
      if (topology.member(probe.node()).isEmpty()) {
        problems.add(probe.node() + " is no member of the topology");
      }
    }
    for (Member member : topology.members()) {
      if (member.role() != Role.FENCED && !byName.containsKey(member.name())) {
        problems.add("no probe of " + member.role().sqlName() + " " + member.name());
      }
    }
    TreeSet<String> domains = new TreeSet<>();
    for (NodeProbe probe : byName.values()) {
      addDomain(domains, probe.appliedSource());
    }
    NodeProbe primary = byName.get(topology.primary().name());
    if (primary != null) {
      addDomain(domains, primary.binlogPosition());
    }
    if (domains.size() > 1) {
      problems.add(
          "positions span GTID streams "
              + domains
              + "; sequence numbers only compare within one stream (MariaDB domain, MySQL source UUID), and replication uses one");
    }
    return problems;
  }

  private static void addDomain(TreeSet<String> domains, SourcePosition position) {
    if (position != null) {
      domains.add(position.stream());
    }
  }
}
