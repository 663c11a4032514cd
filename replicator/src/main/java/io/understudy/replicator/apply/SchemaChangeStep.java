package io.understudy.replicator.apply;

import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a transaction that holds DDL. MariaDB commits implicitly around every DDL, so the DDL and
 * the position cannot commit together: the position follows in a small transaction of its own. If
 * the applier dies between the two, the DDL runs again after the restart; when that re-run fails
 * only because the DDL already took effect (table exists, duplicate column...), and the transaction
 * is the first one applied since (re)connecting, the error is taken to mean exactly that, and the
 * position is written.
 */
final class SchemaChangeStep {

  private static final Logger log = LoggerFactory.getLogger(SchemaChangeStep.class);

  private SchemaChangeStep() {}

  static void apply(
      String replica,
      TransactionWriter writer,
      Connection connection,
      Transaction transaction,
      boolean firstSinceConnect)
      throws SQLException, ReplicaDivergedException {
    try {
      writer.writeMixed(connection, transaction);
    } catch (SQLException e) {
      boolean redone =
          firstSinceConnect
              && transaction.changes().size() == 1
              && transaction.changes().get(0) instanceof SchemaChange
              && SqlErrors.isDdlAlreadyApplied(e);
      if (!redone) {
        ReplicaConnections.rollbackQuietly(connection);
        throw e;
      }
      log.warn(
          "{}: DDL of {} failed with \"{}\": it was applied before the last restart, so its"
              + " position is recorded now",
          replica,
          transaction.position().gtid(),
          e.getMessage());
    } catch (ReplicaDivergedException e) {
      ReplicaConnections.rollbackQuietly(connection);
      throw e;
    }
    try {
      AppliedPositionStore.save(connection, transaction.position(), transaction.commitTime());
      connection.commit();
    } catch (SQLException e) {
      ReplicaConnections.rollbackQuietly(connection);
      throw e;
    }
  }
}
