package io.understudy.router.internal.jdbc;

import io.understudy.router.ConsistencyToken;
import io.understudy.router.internal.node.Lease;
import io.understudy.router.internal.node.Node;
import io.understudy.router.internal.node.NodeSelector;
import io.understudy.router.internal.position.Guarantees;
import io.understudy.router.internal.position.PositionQueries;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one logical connection wrote and what its reads must see. With neither setting on and no
 * token given, a commit costs a boolean and a read goes straight to the balancer: the usual path
 * stays as it was.
 */
final class CausalSession {

  private static final Logger log = LoggerFactory.getLogger(CausalSession.class);

  private final NodeSelector nodes;
  private final Guarantees guarantees;
  private ConsistencyToken written = ConsistencyToken.none(); // own commits whose GTID is known
  private ConsistencyToken required = ConsistencyToken.none(); // what reads must see
  private boolean untrackedWrite; // committed a write whose GTID was not read
  private boolean primaryReads; // a write's GTID is unknown: only the primary surely has it

  CausalSession(NodeSelector nodes, Guarantees guarantees) {
    this.nodes = nodes;
    this.guarantees = guarantees;
  }

  /** A replica for a read, one that applied what the connection must see if anything. */
  Lease replica(Node avoid) throws SQLException {
    if (primaryReads) {
      return guarantees.primaryForRead();
    }
    return required.isEmpty() ? nodes.replica(avoid) : guarantees.replicaFor(required, avoid);
  }

  /**
   * A write committed on the primary through {@code primarySession}, which still holds the session
   * that committed it. Reads the write's GTID only when a setting needs it.
   *
   * @return what {@link #awaitReplicated} must wait for: the write's GTID with {@code writeConcern
   *     = replicated}, else nothing. Waiting is separate so that a commit can give its connection
   *     back to the pool first.
   */
  ConsistencyToken committed(Connection primarySession) throws SQLException {
    if (!guarantees.tracksWrites()) {
      untrackedWrite = true;
      return ConsistencyToken.none();
    }
    ConsistencyToken gtid;
    try {
      gtid = PositionQueries.lastGtid(primarySession);
    } catch (SQLException e) {
      whenGtidUnknown(e);
      return ConsistencyToken.none();
    }
    written = written.merge(gtid);
    if (guarantees.readsOwnWrites()) {
      required = required.merge(gtid);
    }
    return guarantees.waitsForReplication() ? gtid : ConsistencyToken.none();
  }

  /** Returns once a replica applied {@code gtid}; at once for none. */
  void awaitReplicated(ConsistencyToken gtid) throws SQLException {
    guarantees.awaitReplicated(gtid);
  }

  /**
   * The commit happened but its GTID is unknown (the session broke right after it). Reads that must
   * see it go to the primary; a replicated write concern cannot be confirmed.
   */
  private void whenGtidUnknown(SQLException e) throws SQLException {
    untrackedWrite = true;
    if (guarantees.readsOwnWrites()) {
      primaryReads = true;
      log.warn(
          "{}: the GTID of a committed write could not be read ({}); this connection's reads go"
              + " to the primary from now on",
          guarantees.dataSource(),
          e.getMessage());
    }
    if (guarantees.waitsForReplication()) {
      throw SqlStates.replicationTimeout(
          guarantees.dataSource(),
          ConsistencyToken.none(),
          guarantees.replicationTimeout(),
          guarantees.describeReplicas(),
          e);
    }
  }

  /** Everything written and required so far; asks the primary if a write's GTID is unknown. */
  ConsistencyToken token() throws SQLException {
    if (untrackedWrite) {
      written = written.merge(guarantees.primaryPosition());
      untrackedWrite = false;
    }
    return written.merge(required);
  }

  void readAfter(ConsistencyToken token) {
    required = required.merge(token);
  }
}
