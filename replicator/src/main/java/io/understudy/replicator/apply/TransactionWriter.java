package io.understudy.replicator.apply;

import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.SchemaChange;
import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs source changes on a replica connection, leaving commit and rollback to the caller. Row
 * changes with the same statement shape in a row share one JDBC batch (which Connector/J rewrites
 * into multi-row statements). Only the apply thread uses it.
 */
final class TransactionWriter {

  private static final Pattern DATABASE_DDL =
      Pattern.compile("^\\s*(CREATE|DROP|ALTER)\\s+(DATABASE|SCHEMA)\\b", Pattern.CASE_INSENSITIVE);

  /** A batch failed on a row it cannot name; run the rows one by one to find it. */
  static final class AmbiguousBatchFailure extends Exception {
    AmbiguousBatchFailure(SQLException cause) {
      super(cause);
    }
  }

  private final RowPlanner planner;
  private final TableColumnsCache columns = new TableColumnsCache();
  private final Map<RowShape, String> sqlByShape = new HashMap<>();

  TransactionWriter(String replica) {
    this.planner = new RowPlanner(replica);
  }

  /** Writes to a replica of {@code flavour} from now on (called on every connect). */
  void useFlavour(ServerFlavour flavour) {
    columns.useFlavour(flavour);
  }

  /**
   * Writes every row change of {@code transactions}, in order.
   *
   * @param batched false runs one statement per row, so that a failure names its row
   */
  void writeRows(Connection connection, List<Transaction> transactions, boolean batched)
      throws SQLException, ReplicaDivergedException, AmbiguousBatchFailure {
    List<PlannedRow> run = new ArrayList<>();
    for (Transaction transaction : transactions) {
      for (Change change : transaction.changes()) {
        if (!(change instanceof RowChange rowChange)) {
          throw new IllegalArgumentException("not a row change: " + change);
        }
        writeRow(connection, transaction.position().gtid(), rowChange, run, batched);
      }
    }
    flush(connection, run);
  }

  /** Writes one transaction's changes one at a time; a DDL commits implicitly. */
  void writeMixed(Connection connection, Transaction transaction)
      throws SQLException, ReplicaDivergedException {
    List<PlannedRow> run = new ArrayList<>();
    try {
      for (Change change : transaction.changes()) {
        if (change instanceof RowChange rowChange) {
          writeRow(connection, transaction.position().gtid(), rowChange, run, false);
        } else if (change instanceof SchemaChange schemaChange) {
          flush(connection, run);
          writeSchemaChange(connection, schemaChange);
        }
      }
      flush(connection, run);
    } catch (AmbiguousBatchFailure e) {
      throw (SQLException) e.getCause(); // unreachable: unbatched runs hold one row
    }
  }

  private void writeRow(
      Connection connection, String gtid, RowChange change, List<PlannedRow> run, boolean batched)
      throws SQLException, ReplicaDivergedException, AmbiguousBatchFailure {
    PlannedRow row = planner.plan(gtid, change, columns.get(connection, change.table()));
    if (!run.isEmpty() && (!batched || !run.get(0).shape().equals(row.shape()))) {
      flush(connection, run);
    }
    run.add(row);
  }

  private void writeSchemaChange(Connection connection, SchemaChange change) throws SQLException {
    // CREATE DATABASE names a schema that does not exist yet (and DROP DATABASE one that is about
    // to go): selecting it first would fail, and the statement names its schema anyway.
    if (change.schema() != null && !change.schema().isEmpty() && !isDatabaseDdl(change.ddl())) {
      connection.setCatalog(change.schema());
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(change.ddl());
    } finally {
      // Any DDL may change any table's columns; forget them all rather than parse the DDL.
      columns.clear();
      sqlByShape.clear();
    }
  }

  static boolean isDatabaseDdl(String ddl) {
    return DATABASE_DDL.matcher(ddl).find();
  }

  /** Runs and empties {@code run}, rows of one shape. */
  private void flush(Connection connection, List<PlannedRow> run)
      throws SQLException, ReplicaDivergedException, AmbiguousBatchFailure {
    if (run.isEmpty()) {
      return;
    }
    String sql = sqlByShape.computeIfAbsent(run.get(0).shape(), SqlTemplates::render);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (run.size() == 1) {
        PlannedRow row = run.get(0);
        bind(statement, row);
        int count;
        try {
          count = statement.executeUpdate();
        } catch (SQLException e) {
          if (SqlErrors.isDivergence(e)) {
            throw planner.diverged(row.gtid(), row.change(), problemOf(row, e), e);
          }
          throw e;
        }
        checkFound(row, count);
      } else {
        for (PlannedRow row : run) {
          bind(statement, row);
          statement.addBatch();
        }
        int[] counts;
        try {
          counts = statement.executeBatch();
        } catch (SQLException e) {
          if (SqlErrors.isConnectionFailure(e)) {
            throw e;
          }
          throw new AmbiguousBatchFailure(e);
        }
        for (int i = 0; i < run.size(); i++) {
          checkFound(run.get(i), counts[i]);
        }
      }
    }
    run.clear();
  }

  private static void bind(PreparedStatement statement, PlannedRow row) throws SQLException {
    List<Object> values = row.values();
    for (int i = 0; i < values.size(); i++) {
      ValueBinder.bind(statement, i + 1, values.get(i));
    }
  }

  /**
   * An UPDATE or DELETE that finds no row means the replica lacks a row the source had. (The driver
   * reports rows found, not rows changed, so an UPDATE that sets equal values still counts.)
   */
  private void checkFound(PlannedRow row, int count) throws ReplicaDivergedException {
    Operation operation = row.change().operation();
    if (operation != Operation.INSERT && count == 0) {
      throw planner.diverged(row.gtid(), row.change(), operation + " found no row");
    }
  }

  private static String problemOf(PlannedRow row, SQLException e) {
    return row.change().operation() + " failed: " + e.getMessage();
  }
}
