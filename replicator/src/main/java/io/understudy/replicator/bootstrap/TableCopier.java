package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the rows of one table from the primary's snapshot into the replica: streamed on the
 * primary, batched prepared INSERTs on the replica, a commit per batch. Memory holds one batch,
 * whatever the table's size; committing per batch keeps the replica's undo log and binlog cache
 * small, and an interrupted copy is redone whole anyway (the in-progress marker), so there is
 * nothing to gain from one big transaction.
 */
final class TableCopier {

  private static final Logger log = LoggerFactory.getLogger(TableCopier.class);

  /** Rows per batch and commit. */
  static final int BATCH_ROWS = 2_000;

  /**
   * Bytes per batch, roughly: a batch of large values is cut short so that memory stays bounded
   * (Connector/J splits the multi-row INSERT itself at {@code max_allowed_packet}).
   */
  static final long BATCH_BYTES = 16L << 20;

  private final PrimarySnapshot primary;
  private final Connection replica;

  TableCopier(PrimarySnapshot primary, Connection replica) {
    this.primary = primary;
    this.replica = replica;
  }

  /**
   * Inserts every row the snapshot holds in {@code table} into the replica's (empty) table and
   * commits; returns how many rows.
   */
  long copy(TableId table, List<SourceColumn> columns) throws SQLException {
    long started = System.nanoTime();
    long rows = 0;
    try (ResultSet source = primary.stream(CopySql.select(table, columns));
        PreparedStatement insert = replica.prepareStatement(CopySql.insert(table, columns))) {
      int batchRows = 0;
      long batchBytes = 0;
      while (source.next()) {
        for (int i = 0; i < columns.size(); i++) {
          ColumnKind kind = columns.get(i).kind();
          Object value = kind.read(source, i + 1);
          kind.bind(insert, i + 1, value);
          batchBytes += ColumnKind.size(value);
        }
        insert.addBatch();
        rows++;
        batchRows++;
        if (batchRows >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
          flush(insert);
          batchRows = 0;
          batchBytes = 0;
        }
      }
      flush(insert);
    } catch (SQLException e) {
      throw new SQLException(
          "Copying " + table + " failed after " + rows + " rows: " + e.getMessage(),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
    logCopied(table, rows, System.nanoTime() - started);
    return rows;
  }

  private void flush(PreparedStatement insert) throws SQLException {
    insert.executeBatch();
    replica.commit();
  }

  private static void logCopied(TableId table, long rows, long nanos) {
    double seconds = nanos / 1e9;
    log.info(
        "Snapshot copy: {} rows of {} in {} s ({} rows/s)",
        rows,
        table,
        String.format("%.2f", seconds),
        seconds > 0 ? Math.round(rows / seconds) : rows);
  }
}
