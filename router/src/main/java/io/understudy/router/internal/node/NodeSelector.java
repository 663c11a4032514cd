package io.understudy.router.internal.node;

import io.understudy.router.ReplicaBalancer;
import io.understudy.router.ReplicaConfig;
import io.understudy.router.Topology;
import io.understudy.router.internal.jdbc.SqlStates;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of the current topology and the choice of one for each statement. The statement path
 * reads one immutable snapshot (a volatile field); everything that changes health, lag or topology
 * publishes a new snapshot.
 */
public final class NodeSelector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeSelector.class);

  private final String dataSource;
  private final NodeFactory factory;
  private final ReplicaBalancer balancer;
  private final boolean fallbackToPrimary;
  private final Duration maxReplicaLag;
  private final List<Node> retired = new ArrayList<>();
  private volatile Snapshot snapshot;
  private volatile Runnable primaryUnreachable = () -> {};

  /** What the statement path needs, fixed at one moment. */
  record Snapshot(Node primary, List<Node> replicas, List<Node> eligible, long epoch) {}

  public NodeSelector(
      String dataSource,
      NodeFactory factory,
      ReplicaBalancer balancer,
      boolean fallbackToPrimary,
      Duration maxReplicaLag,
      Topology topology) {
    this.dataSource = dataSource;
    this.factory = factory;
    this.balancer = balancer;
    this.fallbackToPrimary = fallbackToPrimary;
    this.maxReplicaLag = maxReplicaLag;
    Node primary = factory.create(topology.primaryUrl(), NodeRole.PRIMARY, 0);
    List<Node> replicas = new ArrayList<>();
    for (ReplicaConfig replica : topology.replicas()) {
      replicas.add(factory.create(replica.url(), NodeRole.REPLICA, replica.weight()));
    }
    this.snapshot = snapshotOf(primary, replicas, topology.epoch());
  }

  /**
   * Runs {@code action} whenever the primary is found unreachable: a source that discovers the
   * topology then looks for a newer one. It must return at once (it runs on the statement path).
   */
  public void whenPrimaryUnreachable(Runnable action) {
    this.primaryUnreachable = action;
  }

  /** Borrows a connection to the primary, or fails at once if the primary is known to be down. */
  public Lease primary() throws SQLException {
    Node primary = snapshot.primary();
    if (!primary.isHealthy()) {
      primaryUnreachable.run();
      throw SqlStates.primaryUnavailable(dataSource, primary.name(), null);
    }
    try {
      return new Lease(primary, primary.borrow());
    } catch (SQLException e) {
      failed(primary, e);
      throw SqlStates.primaryUnavailable(dataSource, primary.name(), e);
    }
  }

  /**
   * Borrows a connection to a replica chosen by the balancer, skipping {@code avoid} (a replica
   * that just failed this read); falls back to the primary when no replica can take the read and
   * that is allowed.
   */
  public Lease replica(Node avoid) throws SQLException {
    return borrowReplica(null, avoid);
  }

  /**
   * As {@link #replica(Node)}, among the readable replicas that {@code accepts}; null when there is
   * none, so that the caller decides whether to wait. Fallback applies only after borrowing failed.
   */
  public Lease replicaWhere(Predicate<Node> accepts, Node avoid) throws SQLException {
    return borrowReplica(accepts, avoid);
  }

  private Lease borrowReplica(Predicate<Node> accepts, Node avoid) throws SQLException {
    List<Node> tried = List.of();
    SQLException last = null;
    int attempts = snapshot.replicas().size();
    for (int attempt = 0; attempt < attempts; attempt++) {
      List<Node> eligible = snapshot.eligible();
      Node node = pick(accepts == null ? eligible : filter(eligible, accepts), avoid);
      if (node == null) {
        break;
      }
      try {
        return new Lease(node, node.borrow());
      } catch (SQLException e) {
        tried = tried.isEmpty() ? new ArrayList<>() : tried;
        tried.add(node);
        last = e;
        failed(node, e);
      }
    }
    if (accepts != null && tried.isEmpty()) {
      return null;
    }
    if (!fallbackToPrimary) {
      throw SqlStates.noReplica(dataSource, describeReplicas(tried), last);
    }
    Lease lease = primary();
    lease.node().counters().fallbackRead();
    return lease;
  }

  private static List<Node> filter(List<Node> nodes, Predicate<Node> accepts) {
    List<Node> accepted = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      if (accepts.test(node)) {
        accepted.add(node);
      }
    }
    return accepted;
  }

  /** Each replica with the reason it could not take a read, for the error message. */
  private List<String> describeReplicas(List<Node> tried) {
    List<String> described = new ArrayList<>();
    for (Node replica : snapshot.replicas()) {
      String why;
      if (tried.contains(replica)) {
        why = "connection failed";
      } else if (!replica.isHealthy()) {
        why = "ejected";
      } else if (replica.weight() == 0) {
        why = "drained";
      } else if (!caughtUp(replica)) {
        why = replica.lag() == null ? "lag unknown" : "lagging " + replica.lag().toMillis() + " ms";
      } else {
        why = "skipped after a failure";
      }
      described.add(replica.name() + " " + why);
    }
    return described;
  }

  private Node pick(List<Node> candidates, Node avoid) {
    if (candidates.isEmpty()) {
      return null;
    }
    int index = balancer.choose(candidates);
    Node node = candidates.get(index);
    if (node != avoid) {
      return node;
    }
    return candidates.size() == 1 ? null : candidates.get((index + 1) % candidates.size());
  }

  /**
   * Reports that a statement or borrow on {@code node} failed; a broken connection ejects the node
   * until the health thread sees it answer again.
   */
  public void failed(Node node, SQLException e) {
    node.counters().error();
    if (!SqlStates.isConnectionFailure(e)) {
      return;
    }
    if (node.eject()) {
      log.warn("{}: {} ejected after a connection failure: {}", dataSource, node, describe(e));
      republish();
    }
    if (node == snapshot.primary()) {
      primaryUnreachable.run();
    }
  }

  /** The message and, when different, the root cause's: a pool time-out hides the real reason. */
  private static String describe(SQLException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + " (cause: " + root.getMessage() + ")";
  }

  /** Every node of the current topology, primary first. */
  public List<Node> nodes() {
    Snapshot current = snapshot;
    List<Node> all = new ArrayList<>(current.replicas().size() + 1);
    all.add(current.primary());
    all.addAll(current.replicas());
    return all;
  }

  /** The replicas of the current topology, whatever their health. */
  public List<Node> replicas() {
    return snapshot.replicas();
  }

  /** The replicas that may take reads now: healthy, not drained, caught up. */
  public List<Node> readableReplicas() {
    return snapshot.eligible();
  }

  public Node primaryNode() {
    return snapshot.primary();
  }

  /** The epoch of the topology routed on. */
  public long epoch() {
    return snapshot.epoch();
  }

  /** Recomputes which replicas may take reads, after health or lag changed. */
  public synchronized void republish() {
    Snapshot current = snapshot;
    Snapshot next = snapshotOf(current.primary(), current.replicas(), current.epoch());
    if (current.eligible().isEmpty() != next.eligible().isEmpty()
        && !current.replicas().isEmpty()) {
      if (next.eligible().isEmpty()) {
        log.warn(
            "{}: no replica can take reads{}",
            dataSource,
            fallbackToPrimary ? "; reads go to the primary" : "; reads fail");
      } else {
        log.info("{}: reads go to replicas again ({})", dataSource, next.eligible());
      }
    }
    snapshot = next;
    closeIdleRetired();
  }

  /**
   * Moves to {@code topology}: new nodes get pools, nodes that stay keep theirs (and change role or
   * weight), removed nodes stop getting statements and their pools close once their connections are
   * back.
   */
  public synchronized void apply(Topology topology) {
    Snapshot current = snapshot;
    if (topology.epoch() <= current.epoch()) {
      return;
    }
    Map<String, Node> existing = new HashMap<>();
    for (Node node : nodes()) {
      existing.put(node.name(), node);
    }
    Node primary = reuse(existing, topology.primaryUrl(), NodeRole.PRIMARY, 0);
    List<Node> replicas = new ArrayList<>();
    for (ReplicaConfig replica : topology.replicas()) {
      replicas.add(reuse(existing, replica.url(), NodeRole.REPLICA, replica.weight()));
    }
    retired.addAll(existing.values());
    snapshot = snapshotOf(primary, replicas, topology.epoch());
    log.info(
        "{}: topology epoch {}: primary {}, replicas {}",
        dataSource,
        topology.epoch(),
        primary.name(),
        replicas.stream().map(Node::name).toList());
    closeIdleRetired();
  }

  private Node reuse(Map<String, Node> existing, String url, NodeRole role, int weight) {
    Node node = existing.remove(NodeAddress.of(url).name());
    if (node == null) {
      return factory.create(url, role, weight);
    }
    node.role(role);
    node.weight(weight);
    return node;
  }

  private void closeIdleRetired() {
    retired.removeIf(
        node -> {
          if (node.activeConnections() > 0) {
            return false;
          }
          node.close();
          return true;
        });
  }

  private Snapshot snapshotOf(Node primary, List<Node> replicas, long epoch) {
    List<Node> eligible = new ArrayList<>(replicas.size());
    for (Node replica : replicas) {
      if (replica.isHealthy() && replica.weight() > 0 && caughtUp(replica)) {
        eligible.add(replica);
      }
    }
    return new Snapshot(primary, List.copyOf(replicas), List.copyOf(eligible), epoch);
  }

  /** With a lag limit, a replica whose lag is unknown counts as behind: reads must be fresh. */
  private boolean caughtUp(Node replica) {
    if (maxReplicaLag == null) {
      return true;
    }
    Duration lag = replica.lag();
    return lag != null && lag.compareTo(maxReplicaLag) <= 0;
  }

  @Override
  public synchronized void close() {
    for (Node node : nodes()) {
      node.close();
    }
    retired.forEach(Node::close);
    retired.clear();
  }
}
