package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.analysis.FailoverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link FailoverMonitor} watches the cluster. Built with {@link #builder}, which checks
 * everything at once and names every problem in one {@link IllegalArgumentException}; nothing is
 * clamped.
 *
 * @param nodes every node to probe: the primary and the replicas
 * @param primary the node that is primary while no topology is published on the nodes
 * @param user the database user of the probes: needs {@code SELECT} on {@code understudy} (the
 *     testkit's {@code replicator} user has it)
 * @param password never shown by {@link #toString()}
 * @param checkInterval how often all nodes are probed (default 500ms)
 * @param failureTimeout how long the primary's probes must fail, and the binlog stream be silent,
 *     before it counts as dead (default 1s)
 * @param failoverCooldown no automatic failover this soon after the previous one (default 5m)
 * @param maxPromotionLag the most source transactions a candidate may lack (default 100)
 * @param probeTimeout the bound on a probe's connect and on waiting for its answer (default 1s)
 */
public record MonitorConfig(
    List<MonitoredNode> nodes,
    String primary,
    String user,
    String password,
    Duration checkInterval,
    Duration failureTimeout,
    Duration failoverCooldown,
    long maxPromotionLag,
    Duration probeTimeout) {

  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(1);

  public MonitorConfig {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    List<String> problems =
        problems(
            nodes,
            primary,
            user,
            password,
            checkInterval,
            failureTimeout,
            failoverCooldown,
            maxPromotionLag,
            probeTimeout);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The thresholds the analysis applies. */
  public FailoverPolicy policy() {
    return new FailoverPolicy(failureTimeout, failoverCooldown, maxPromotionLag);
  }

  @Override
  public String toString() {
    return ("MonitorConfig[nodes=%s, primary=%s, user=%s, password=****, checkInterval=%s,"
            + " failureTimeout=%s, failoverCooldown=%s, maxPromotionLag=%d, probeTimeout=%s]")
        .formatted(
            nodes,
            primary,
            user,
            checkInterval,
            failureTimeout,
            failoverCooldown,
            maxPromotionLag,
            probeTimeout);
  }

  private static IllegalArgumentException invalid(List<String> problems) {
    return new IllegalArgumentException(
        "invalid failover monitor configuration: " + String.join("; ", problems));
  }

  private static List<String> problems(
      List<MonitoredNode> nodes,
      String primary,
      String user,
      String password,
      Duration checkInterval,
      Duration failureTimeout,
      Duration failoverCooldown,
      long maxPromotionLag,
      Duration probeTimeout) {
    List<String> problems = new ArrayList<>(nodeProblems(nodes, primary));
    if (user == null || user.isBlank()) {
      problems.add("user: is required");
    }
    if (password == null) {
      problems.add("password: is required (may be empty)");
    }
    requirePositive(problems, "checkInterval", checkInterval);
    requirePositive(problems, "failureTimeout", failureTimeout);
    requirePositive(problems, "probeTimeout", probeTimeout);
    if (isPositive(checkInterval)
        && isPositive(failureTimeout)
        && checkInterval.compareTo(failureTimeout) >= 0) {
      problems.add(
          "checkInterval="
              + checkInterval.toMillis()
              + "ms: must be shorter than failureTimeout="
              + failureTimeout.toMillis()
              + "ms, so that more than one probe fails before the primary counts as dead");
    }
    if (failoverCooldown == null) {
      problems.add("failoverCooldown: is required");
    } else if (failoverCooldown.isNegative()) {
      problems.add("failoverCooldown=" + failoverCooldown + ": must be 0 or more");
    }
    if (maxPromotionLag < 0) {
      problems.add("maxPromotionLag=" + maxPromotionLag + ": must be 0 or more transactions");
    }
    return problems;
  }

  private static List<String> nodeProblems(List<MonitoredNode> nodes, String primary) {
    List<String> problems = new ArrayList<>();
    if (nodes.size() < 2) {
      problems.add("nodes: a primary and at least one replica are needed, got " + nodes.size());
    }
    Set<String> names = new HashSet<>();
    for (MonitoredNode node : nodes) {
      if (node.name() == null || node.name().isBlank() || node.name().length() > 64) {
        problems.add("node name '" + node.name() + "': must be 1 to 64 characters");
      } else if (!names.add(node.name())) {
        problems.add("node " + node.name() + ": appears twice");
      }
      if (node.host() == null || node.host().isBlank()) {
        problems.add("node " + node.name() + ": host is required");
      }
      if (node.port() < 1 || node.port() > 65_535) {
        problems.add("node " + node.name() + ": port must be 1..65535, not " + node.port());
      }
    }
    if (primary == null || !names.contains(primary)) {
      problems.add("primary '" + primary + "': must be one of the nodes " + names);
    } else if (nodes.size() >= 2
        && nodes.stream().filter(n -> !n.name().equals(primary)).allMatch(n -> n.neverPromote())) {
      problems.add(
          "neverPromote: every replica is marked never-promote, so no failover could ever"
              + " happen; clear it for at least one replica");
    }
    return problems;
  }

  private static void requirePositive(List<String> problems, String name, Duration value) {
    if (value == null) {
      problems.add(name + ": is required");
    } else if (!isPositive(value)) {
      problems.add(name + "=" + value + ": must be positive");
    }
  }

  private static boolean isPositive(Duration value) {
    return value != null && !value.isNegative() && !value.isZero();
  }

  /** Collects the settings; {@link #build()} checks them all at once. */
  public static final class Builder {

    private record Address(String host, int port) {}

    private final Map<String, Address> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> priorities = new LinkedHashMap<>();
    private final Set<String> neverPromote = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private String primary;
    private String user;
    private String password;
    private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
    private Duration failureTimeout = FailoverPolicy.DEFAULTS.failureTimeout();
    private Duration failoverCooldown = FailoverPolicy.DEFAULTS.failoverCooldown();
    private long maxPromotionLag = FailoverPolicy.DEFAULTS.maxPromotionLag();
    private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;

    private Builder() {}

    /** The primary while no topology is published; also added as a node. */
    public Builder primary(String name, String host, int port) {
      this.primary = name;
      return node(name, host, port);
    }

    public Builder replica(String name, String host, int port) {
      return node(name, host, port);
    }

    private Builder node(String name, String host, int port) {
      if (nodes.put(name, new Address(host, port)) != null) {
        problems.add("node " + name + ": appears twice");
      }
      return this;
    }

    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** Preference among equally advanced replicas: higher wins; default 0. */
    public Builder priority(String node, int priority) {
      priorities.put(node, priority);
      return this;
    }

    public Builder neverPromote(String node) {
      neverPromote.add(node);
      return this;
    }

    public Builder checkInterval(Duration interval) {
      this.checkInterval = interval;
      return this;
    }

    public Builder failureTimeout(Duration timeout) {
      this.failureTimeout = timeout;
      return this;
    }

    public Builder failoverCooldown(Duration cooldown) {
      this.failoverCooldown = cooldown;
      return this;
    }

    public Builder maxPromotionLag(long transactions) {
      this.maxPromotionLag = transactions;
      return this;
    }

    public Builder probeTimeout(Duration timeout) {
      this.probeTimeout = timeout;
      return this;
    }

    public MonitorConfig build() {
      List<String> all = new ArrayList<>(problems);
      for (String name : priorities.keySet()) {
        if (!nodes.containsKey(name)) {
          all.add("priority of '" + name + "': no such node; nodes are " + nodes.keySet());
        }
      }
      for (String name : neverPromote) {
        if (!nodes.containsKey(name)) {
          all.add("neverPromote '" + name + "': no such node; nodes are " + nodes.keySet());
        }
      }
      List<MonitoredNode> list = new ArrayList<>();
      nodes.forEach(
          (name, address) ->
              list.add(
                  new MonitoredNode(
                      name,
                      address.host(),
                      address.port(),
                      priorities.getOrDefault(name, 0),
                      neverPromote.contains(name))));
      all.addAll(
          problems(
              list,
              primary,
              user,
              password,
              checkInterval,
              failureTimeout,
              failoverCooldown,
              maxPromotionLag,
              probeTimeout));
      if (!all.isEmpty()) {
        throw invalid(all);
      }
      return new MonitorConfig(
          list,
          primary,
          user,
          password,
          checkInterval,
          failureTimeout,
          failoverCooldown,
          maxPromotionLag,
          probeTimeout);
    }
  }
}
