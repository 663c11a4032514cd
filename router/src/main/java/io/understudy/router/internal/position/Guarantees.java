package io.understudy.router.internal.position;

import io.understudy.router.Consistency;
import io.understudy.router.ConsistencyToken;
import io.understudy.router.ReplicationTimeoutException;
import io.understudy.router.WriteConcern;
import io.understudy.router.internal.jdbc.SqlStates;
import io.understudy.router.internal.node.Lease;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeSelector;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The write concern and read consistency of one data source: waiting until a replica applied a
 * write, and choosing a replica that applied what a read must see. Rules: {@code docs/routing.md},
 * "Write concern" and "Read your writes".
 */
public final class Guarantees implements AutoCloseable {

  private final String dataSource;
  private final NodeSelector nodes;
  private final WriteConcern writeConcern;
  private final Duration replicationTimeout;
  private final Consistency consistency;
  private final Duration causalReadTimeout;
  private final AppliedPositions positions;

  public Guarantees(
      String dataSource,
      NodeSelector nodes,
      AppliedPositions positions,
      WriteConcern writeConcern,
      Duration replicationTimeout,
      Consistency consistency,
      Duration causalReadTimeout) {
    this.dataSource = dataSource;
    this.nodes = nodes;
    this.positions = positions;
    this.writeConcern = writeConcern;
    this.replicationTimeout = replicationTimeout;
    this.consistency = consistency;
    this.causalReadTimeout = causalReadTimeout;
  }

  /** Whether each commit's GTID is read: only when a setting needs it, since it costs a query. */
  public boolean tracksWrites() {
    return writeConcern == WriteConcern.REPLICATED || readsOwnWrites();
  }

  public boolean readsOwnWrites() {
    return consistency == Consistency.READ_YOUR_WRITES;
  }

  public boolean waitsForReplication() {
    return writeConcern == WriteConcern.REPLICATED;
  }

  /**
   * Returns once any replica of the current topology (drained or lagging ones too: the write is
   * safe there) has applied {@code written}.
   *
   * @throws ReplicationTimeoutException when none did within {@code replicationTimeout}
   */
  public void awaitReplicated(ConsistencyToken written) throws ReplicationTimeoutException {
    if (written.isEmpty()) {
      return; // nothing entered the binlog, so there is nothing to replicate
    }
    if (nodes.replicas().isEmpty()
        || !positions.await(() -> anyCovers(nodes.replicas(), written, null), replicationTimeout)) {
      throw SqlStates.replicationTimeout(
          dataSource, written, replicationTimeout, positions.describe(nodes.replicas()), null);
    }
  }

  /**
   * A readable replica that applied {@code required}, waiting up to {@code causalReadTimeout} for
   * one; else the primary, even with {@code fallbackToPrimary} off, since only it surely has it.
   */
  public Lease replicaFor(ConsistencyToken required, Node avoid) throws SQLException {
    Lease lease = nodes.replicaWhere(node -> positions.covers(node, required), avoid);
    if (lease != null) {
      return lease;
    }
    if (!nodes.readableReplicas().isEmpty()
        && positions.await(
            () -> anyCovers(nodes.readableReplicas(), required, avoid), causalReadTimeout)) {
      lease = nodes.replicaWhere(node -> positions.covers(node, required), avoid);
      if (lease != null) {
        return lease;
      }
    }
    return primaryForRead();
  }

  /** The primary, for a read that must see what no replica is known to have applied. */
  public Lease primaryForRead() throws SQLException {
    Lease lease = nodes.primary();
    lease.node().counters().fallbackRead();
    return lease;
  }

  /** Everything committed on the primary until now, read on a borrowed connection. */
  public ConsistencyToken primaryPosition() throws SQLException {
    Lease lease = nodes.primary();
    try {
      return PositionQueries.binlogPosition(lease.connection());
    } catch (SQLException e) {
      nodes.failed(lease.node(), e);
      throw e;
    } finally {
      lease.release();
    }
  }

  public String dataSource() {
    return dataSource;
  }

  public Duration replicationTimeout() {
    return replicationTimeout;
  }

  public String describeReplicas() {
    return positions.describe(nodes.replicas());
  }

  private boolean anyCovers(List<Node> replicas, ConsistencyToken token, Node avoid) {
    for (Node replica : replicas) {
      if (replica != avoid && positions.covers(replica, token)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    positions.close();
  }
}
