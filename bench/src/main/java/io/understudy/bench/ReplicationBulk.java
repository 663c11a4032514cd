package io.understudy.bench;

import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.model.Change;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import io.understudy.replicator.model.Transaction;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bulk run: a backlog of {@code rows} rows in transactions of {@link #ROWS_PER_TRANSACTION}
 * rows is written on the primary while nothing replicates; then replication starts and the run ends
 * when every replica holds the last row. The clock starts when replication is told to start (the
 * {@code Replicator}'s or capture's {@code start()}, {@code START SLAVE}), so start-up is part of
 * the time; the time start-up took is reported beside it.
 */
final class ReplicationBulk {

  static final int ROWS_PER_TRANSACTION = 1_000;
  private static final long POLL_MILLIS = 5;

  private final Cluster cluster;
  private final int rows;
  private final long timeoutMillis;

  ReplicationBulk(Cluster cluster, int rows, long timeoutMillis) {
    this.cluster = cluster;
    this.rows = rows;
    this.timeoutMillis = timeoutMillis;
  }

  /** Something that starts replication; it returns once it considers itself started. */
  @FunctionalInterface
  interface Starter {
    void start() throws Exception;
  }

  /** Writes the backlog into {@code table} on the primary; returns the rows per second it took. */
  double load(String table) throws SQLException {
    long begin = System.nanoTime();
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        Statement statement = connection.createStatement()) {
      for (int first = 1; first <= rows; first += ROWS_PER_TRANSACTION) {
        StringBuilder insert =
            new StringBuilder("INSERT INTO " + ReplicationSetup.SCHEMA + "." + table + " VALUES ");
        int last = Math.min(rows, first + ROWS_PER_TRANSACTION - 1);
        for (int id = first; id <= last; id++) {
          insert.append(id == first ? "(" : ",(").append(id).append(",'bulk-row-");
          insert.append(id).append("-abcdefghijklmnopqrstuvwxyz')");
        }
        statement.execute(insert.toString());
      }
    }
    return rows / ((System.nanoTime() - begin) / 1e9);
  }

  /**
   * Starts replication with {@code starter} and waits until every replica's highest id of {@code
   * table} is the backlog's last (transactions apply whole and in order, so that means all rows),
   * then checks the count.
   */
  ReplicationReport.Bulk replicate(String name, String table, Starter starter) throws Exception {
    List<Connection> connections = new ArrayList<>();
    List<Statement> replicas = new ArrayList<>();
    try {
      for (ClusterNode replica : ReplicationSetup.replicas(cluster)) {
        Connection connection = replica.connect(cluster.users().app());
        connections.add(connection);
        replicas.add(connection.createStatement());
      }
      ReplicationCpu cpu = ReplicationCpu.sample(cluster);
      long begin = System.nanoTime();
      starter.start();
      long started = System.nanoTime();
      for (int i = 0; i < replicas.size(); i++) {
        while (ReplicationSetup.maxId(replicas.get(i), table) < rows) {
          await(begin, name);
        }
      }
      long done = System.nanoTime();
      Map<ReplicationCpu.Part, Double> used = ReplicationCpu.sample(cluster).secondsSince(cpu);
      for (Statement replica : replicas) {
        requireAllRows(replica, table, name);
      }
      return new ReplicationReport.Bulk(name, rows, started - begin, done - begin, used);
    } finally {
      for (Connection connection : connections) {
        connection.close();
      }
    }
  }

  /**
   * Debezium capture alone, as Understudy runs it, on the same backlog: a {@link BinlogCapture}
   * from {@code after} whose sink only counts the backlog's rows; {@code when} says whether it ran
   * before or after Understudy.
   */
  ReplicationReport.Bulk captureOnly(String table, SourcePosition after, String when)
      throws Exception {
    Credentials user = cluster.users().replicator();
    ClusterNode primary = cluster.node(0);
    TableId backlog = new TableId(ReplicationSetup.SCHEMA, table);
    AtomicLong counted = new AtomicLong();
    CaptureConfig config =
        CaptureConfig.of(
                primary.host(),
                primary.port(),
                user.user(),
                user.password(),
                ReplicationSetup.CAPTURE_ONLY_SERVER_ID)
            .startingAfter(after);
    try (BinlogCapture capture = new BinlogCapture(config, t -> count(t, backlog, counted))) {
      ReplicationCpu cpu = ReplicationCpu.sample(cluster);
      long begin = System.nanoTime();
      capture.start();
      long started = System.nanoTime();
      while (counted.get() < rows) {
        if (capture.state() != BinlogCapture.State.RUNNING) {
          throw new IllegalStateException("Capture is " + capture.state(), capture.failure());
        }
        await(begin, "capture only");
      }
      long done = System.nanoTime();
      Map<ReplicationCpu.Part, Double> used = ReplicationCpu.sample(cluster).secondsSince(cpu);
      if (counted.get() != rows) {
        throw new IllegalStateException("Capture counted " + counted.get() + " rows, not " + rows);
      }
      String name = ReplicationReport.CAPTURE_ONLY + " (" + when + " Understudy)";
      return new ReplicationReport.Bulk(name, rows, started - begin, done - begin, used);
    }
  }

  private static void count(Transaction transaction, TableId table, AtomicLong counted) {
    long rows = 0;
    for (Change change : transaction.changes()) {
      if (change instanceof RowChange row && row.table().equals(table)) {
        rows++;
      }
    }
    counted.addAndGet(rows);
  }

  private void await(long begin, String name) throws InterruptedException {
    if ((System.nanoTime() - begin) / 1_000_000 > timeoutMillis) {
      throw new IllegalStateException(
          name + ": the backlog did not arrive within " + timeoutMillis + " ms");
    }
    Thread.sleep(POLL_MILLIS);
  }

  private void requireAllRows(Statement replica, String table, String name) throws SQLException {
    try (ResultSet count =
        replica.executeQuery("SELECT COUNT(*) FROM " + ReplicationSetup.SCHEMA + "." + table)) {
      count.next();
      if (count.getLong(1) != rows) {
        throw new IllegalStateException(
            name + ": a replica holds " + count.getLong(1) + " rows, not " + rows);
      }
    }
  }
}
