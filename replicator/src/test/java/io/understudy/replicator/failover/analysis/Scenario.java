package io.understudy.replicator.failover.analysis;

import io.understudy.replicator.failover.topology.Member;
import io.understudy.replicator.failover.topology.Role;
import io.understudy.replicator.failover.topology.Topology;
import io.understudy.replicator.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe snapshot described by how it differs from a healthy cluster: primary {@code node-0}
 * (writable, binlog at sequence 100), replicas read-only and caught up at 100, everything
 * answering, the binlog stream up, no failover yet. Taken at {@link #NOW}.
 */
final class Scenario {

  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private boolean streamUp = true;
  private Instant lastFailoverAt;
  private String description;

  private static final class Node {
    Role role;
    boolean readOnly;
    int failures;
    Duration failingFor;
    Long applied = 100L;
    Long binlog;
    boolean neverPromote;
    int priority;
  }

  static Scenario replicas(String... names) {
    Scenario scenario = new Scenario();
    Node primary = scenario.add("node-0", Role.PRIMARY);
    primary.applied = null;
    primary.binlog = 100L;
    for (String name : names) {
      scenario.add(name, Role.REPLICA).readOnly = true;
    }
    return scenario;
  }

  private Node add(String name, Role role) {
    Node node = new Node();
    node.role = role;
    nodes.put(name, node);
    return node;
  }

  /** Adds a fenced member that answers with {@code read_only=OFF}. */
  Scenario fencedWritable(String name) {
    Node node = add(name, Role.FENCED);
    node.applied = null;
    return this;
  }

  Scenario down(String name, int failures, Duration failingFor) {
    nodes.get(name).failures = failures;
    nodes.get(name).failingFor = failingFor;
    return this;
  }

  Scenario writable(String name) {
    nodes.get(name).readOnly = false;
    return this;
  }

  Scenario applied(String name, Long sequence) {
    nodes.get(name).applied = sequence;
    return this;
  }

  Scenario primaryBinlog(Long sequence) {
    nodes.get("node-0").binlog = sequence;
    return this;
  }

  Scenario neverPromote(String... names) {
    for (String name : names) {
      nodes.get(name).neverPromote = true;
    }
    return this;
  }

  Scenario priority(String name, int priority) {
    nodes.get(name).priority = priority;
    return this;
  }

  Scenario streamDown() {
    streamUp = false;
    return this;
  }

  Scenario lastFailoverAgo(Duration ago) {
    lastFailoverAt = NOW.minus(ago);
    return this;
  }

  /** Names the scenario in test reports. */
  Scenario as(String text) {
    description = text;
    return this;
  }

  ProbeSnapshot snapshot() {
    List<Member> members = new ArrayList<>();
    List<NodeProbe> probes = new ArrayList<>();
    int port = 3306;
    for (Map.Entry<String, Node> entry : nodes.entrySet()) {
      String name = entry.getKey();
      Node node = entry.getValue();
      members.add(new Member(name, "db-" + name, port++, node.role));
      boolean reachable = node.failures == 0;
      probes.add(
          new NodeProbe(
              name,
              reachable,
              node.readOnly,
              node.failures,
              reachable ? null : NOW.minus(node.failingFor),
              position(node.applied),
              position(node.binlog),
              node.neverPromote,
              node.priority));
    }
    return new ProbeSnapshot(
        NOW, new Topology(7, members, "test"), probes, streamUp, lastFailoverAt);
  }

  private static SourcePosition position(Long sequence) {
    return sequence == null ? null : new SourcePosition("0-1-" + sequence, "mariadb-bin.000001", 4);
  }

  @Override
  public String toString() {
    return description;
  }
}
