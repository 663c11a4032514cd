package io.understudy.replicator.apply;

import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.ServerVersion;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies groups of source transactions on the applier's current connection and keeps the replica's
 * positions: it skips what the replica already has, commits each group together with its positions,
 * and when a group fails, finds the exact transaction that fails. Apply thread only, except for the
 * position getters.
 */
final class GroupApplier {

  private static final Logger log = LoggerFactory.getLogger(GroupApplier.class);

  private final String replica;
  private final TransactionWriter writer;
  private final Map<String, SourcePosition> positions = new HashMap<>();
  private volatile Map<String, SourcePosition> appliedPositions = Map.of();
  private volatile SourcePosition appliedPosition;
  private final ApplyProgress progress = new ApplyProgress();
  private Connection connection;
  private boolean firstSinceConnect;

  GroupApplier(String replica) {
    this.replica = replica;
    this.writer = new TransactionWriter(replica);
  }

  /**
   * Continues on a new connection from the positions the replica holds, speaking the replica's SQL
   * (its flavour is read again each time: the replica may have been replaced behind its address).
   */
  void resume(Connection connection) throws SQLException, ReplicaApplyException {
    this.connection = connection;
    writer.useFlavour(ServerVersion.of(connection).flavour());
    try {
      positions.clear();
      positions.putAll(AppliedPositionStore.load(connection));
      connection.commit();
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // ER_NO_SUCH_TABLE
        throw new ReplicaApplyException(
            replica,
            "Replica "
                + replica
                + " has no understudy.applied_position: run UnderstudySchema.migrate on it first",
            e);
      }
      throw e;
    }
    appliedPositions = Map.copyOf(positions);
    if (appliedPosition == null && positions.size() == 1) {
      appliedPosition = positions.values().iterator().next();
    }
    // The first transaction after a (re)start may be one whose DDL ran before the applier died.
    firstSinceConnect = true;
  }

  SourcePosition appliedPosition() {
    return appliedPosition;
  }

  Map<String, SourcePosition> appliedPositions() {
    return appliedPositions;
  }

  void apply(List<Transaction> group) throws SQLException, ReplicaApplyException {
    List<Transaction> fresh = new ArrayList<>();
    for (Transaction transaction : group) {
      SourcePosition applied = positions.get(AppliedPositionStore.streamOf(transaction.position()));
      if (transaction.position().isAfter(applied)) {
        fresh.add(transaction);
      } else {
        log.debug("{}: skipping {}, already applied", replica, transaction.position());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    if (hasSchemaChange(fresh.get(0))) {
      SchemaChangeStep.apply(replica, writer, connection, fresh.get(0), firstSinceConnect);
      committed(fresh);
      return;
    }
    try {
      applyRows(fresh);
      committed(fresh);
    } catch (ReplicaDivergedException | SQLException e) {
      if (fresh.size() == 1 || (e instanceof SQLException sql && isRetryable(sql))) {
        throw e;
      }
      // Commit the group's good transactions one by one, so that the applier stops exactly at the
      // one that fails, and the replica holds everything before it.
      for (Transaction transaction : fresh) {
        applyRows(List.of(transaction));
        committed(List.of(transaction));
      }
    }
  }

  private void committed(List<Transaction> transactions) {
    firstSinceConnect = false;
    for (Transaction transaction : transactions) {
      positions.put(AppliedPositionStore.streamOf(transaction.position()), transaction.position());
    }
    appliedPositions = Map.copyOf(positions);
    appliedPosition = transactions.get(transactions.size() - 1).position();
    progress.committed(transactions);
  }

  /** Counts for metrics; updated after every commit. */
  ApplyProgress progress() {
    return progress;
  }

  private boolean isRetryable(SQLException e) {
    return SqlErrors.isConnectionFailure(e)
        || SqlErrors.isTransient(e)
        || !ReplicaConnections.isValid(connection);
  }

  /** Rows of one or more transactions and their positions, in one replica transaction. */
  private void applyRows(List<Transaction> transactions)
      throws SQLException, ReplicaDivergedException {
    try {
      try {
        writer.writeRows(connection, transactions, true);
      } catch (TransactionWriter.AmbiguousBatchFailure e) {
        // Run the same rows one by one: the failing row then raises with its key and GTID.
        connection.rollback();
        writeRowsOneByOne(transactions);
      }
      Map<String, Transaction> lastPerStream = new LinkedHashMap<>();
      transactions.forEach(t -> lastPerStream.put(AppliedPositionStore.streamOf(t.position()), t));
      for (Transaction last : lastPerStream.values()) {
        AppliedPositionStore.save(connection, last.position(), last.commitTime());
      }
      connection.commit();
    } catch (SQLException | ReplicaDivergedException e) {
      ReplicaConnections.rollbackQuietly(connection);
      throw e;
    }
  }

  private void writeRowsOneByOne(List<Transaction> transactions)
      throws SQLException, ReplicaDivergedException {
    try {
      writer.writeRows(connection, transactions, false);
    } catch (TransactionWriter.AmbiguousBatchFailure e) {
      throw (SQLException) e.getCause(); // unreachable: single rows never fail ambiguously
    }
  }

  static boolean hasSchemaChange(Transaction transaction) {
    return transaction.changes().stream().anyMatch(SchemaChange.class::isInstance);
  }
}
