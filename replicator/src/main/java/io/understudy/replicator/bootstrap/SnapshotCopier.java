package io.understudy.replicator.bootstrap;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.model.TableId;
import io.understudy.replicator.schema.UnderstudySchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a new, empty replica up to date from a consistent snapshot of the primary, and tells the
 * position of the last source transaction the copy includes, so that streaming can continue right
 * after it with no gap and no duplicate.
 *
 * <p>What is copied: the base tables of the replicated schemas (definition and rows; generated
 * columns are computed by the replica), the schemas' default character set and collation, and the
 * rows of {@code understudy.heartbeat}. Not copied: views, routines, triggers, events, users and
 * grants. The replica's {@code understudy.applied_position} gets the snapshot's position in the
 * copy's last transaction, so a replica with an applied position is one whose copy completed.
 *
 * <p>Loses nothing: a replica that already holds an applied position, or rows in a replicated
 * table, is refused with a {@link SnapshotRefusedException} — unless those rows were left by an
 * interrupted copy of this replica (a node-local marker says so), which is then redone.
 *
 * <p>Both nodes' {@code understudy} schema is migrated first (idempotent). Not thread-safe; one
 * copy per replica at a time.
 */
public final class SnapshotCopier {

  private static final Logger log = LoggerFactory.getLogger(SnapshotCopier.class);

  private final String primaryJdbcUrl;
  private final String replicaJdbcUrl;
  private final String user;
  private final String password;
  private final ReplicationFilter filter;

  /**
   * @param primaryJdbcUrl the primary, a Connector/J URL such as {@code jdbc:mysql://host:3306/}
   * @param replicaJdbcUrl the replica to fill
   * @param user the replicator's user: on the primary it reads every table and writes the
   *     heartbeat; on the replica it writes under {@code read_only} and sets {@code sql_log_bin}
   * @param filter which schemas and tables are copied: the replicator's own filter, so that the
   *     copy holds exactly what the stream will change; system schemas and {@code understudy} never
   *     are. A schema the filter accepts is created even when it has no table to copy.
   */
  public SnapshotCopier(
      String primaryJdbcUrl,
      String replicaJdbcUrl,
      String user,
      String password,
      ReplicationFilter filter) {
    this.primaryJdbcUrl = Objects.requireNonNull(primaryJdbcUrl, "primaryJdbcUrl");
    this.replicaJdbcUrl = Objects.requireNonNull(replicaJdbcUrl, "replicaJdbcUrl");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /**
   * Copies; returns what was copied and the position of the last source transaction included.
   *
   * @throws SnapshotRefusedException if copying could lose the replica's data or cannot be exact;
   *     nothing was copied
   * @throws SQLException if either node fails during the copy; the replica is left marked as
   *     interrupted, and the next copy redoes it
   */
  public SnapshotResult copy() throws SQLException {
    long started = System.nanoTime();
    UnderstudySchema.migrate(primaryJdbcUrl, user, password);
    UnderstudySchema.migrate(replicaJdbcUrl, user, password);
    try (ReplicaTarget replica = ReplicaTarget.open(replicaJdbcUrl, user, password)) {
      if (CopyDecision.decide(replica.state(filter)) == CopyDecision.REDO_INTERRUPTED) {
        log.warn(
            "Snapshot copy: an earlier copy onto {} was interrupted; its tables are replaced",
            replica.name());
      }
      try (PrimarySnapshot snapshot = PrimarySnapshot.open(primaryJdbcUrl, user, password);
          TableDefinitions definitions =
              new TableDefinitions(snapshot, primaryJdbcUrl, user, password)) {
        List<SchemaDefaults> schemas = snapshot.schemas(filter::allowsSchema);
        List<TableId> tables = snapshot.tables(schemas).stream().filter(filter::allows).toList();
        log.info(
            "Snapshot copy: {} tables of {} schemas from {} to {}, snapshot at {} ({}:{})",
            tables.size(),
            schemas.size(),
            JdbcUrls.nodeOf(primaryJdbcUrl),
            replica.name(),
            snapshot.position().gtid(),
            snapshot.position().file(),
            snapshot.position().position());
        replica.markInProgress(JdbcUrls.nodeOf(primaryJdbcUrl));
        for (SchemaDefaults schema : schemas) {
          replica.prepareSchema(schema);
        }
        TableCopier copier = new TableCopier(snapshot, replica.connection());
        long rows = 0;
        for (TableId table : tables) {
          replica.recreateTable(table, definitions.createStatement(table));
          rows += copier.copy(table, snapshot.columns(table));
        }
        replica.clearHeartbeat();
        rows += copier.copy(CaptureConfig.HEARTBEAT, snapshot.columns(CaptureConfig.HEARTBEAT));
        replica.finish(snapshot.position());
        SnapshotResult result =
            new SnapshotResult(
                snapshot.position(),
                tables.size() + 1,
                rows,
                Duration.ofNanos(System.nanoTime() - started));
        log.info(
            "Snapshot copy onto {} done: {} tables, {} rows in {} ms; streaming resumes after {}",
            replica.name(),
            result.tables(),
            result.rows(),
            result.took().toMillis(),
            result.position().gtid());
        return result;
      }
    }
  }
}
