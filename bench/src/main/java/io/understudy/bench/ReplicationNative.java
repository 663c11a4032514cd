package io.understudy.bench;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's own replication from node 0 to every other node, by GTID ({@code MASTER_USE_GTID =
 * slave_pos}), driven over one admin connection per replica opened up front, so that starting it
 * costs what {@code START SLAVE} costs and not a connection handshake.
 */
final class ReplicationNative implements AutoCloseable {

  private static final long STATUS_TIMEOUT_MILLIS = 30_000;

  private final List<ClusterNode> replicas;
  private final List<Statement> statements = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();

  /** Points every replica at node 0 as the testkit's replicator user; does not start it. */
  ReplicationNative(Cluster cluster) throws SQLException {
    this.replicas = ReplicationSetup.replicas(cluster);
    Credentials user = cluster.users().replicator();
    String changeMaster =
        "CHANGE MASTER TO MASTER_HOST='"
            + cluster.node(0).host()
            + "', MASTER_PORT="
            + cluster.node(0).port()
            + ", MASTER_USER='"
            + user.user()
            + "', MASTER_PASSWORD='"
            + user.password()
            + "', MASTER_USE_GTID=slave_pos";
    try {
      for (ClusterNode replica : replicas) {
        Connection connection = replica.connect(cluster.users().admin());
        connections.add(connection);
        statements.add(connection.createStatement());
      }
      execute(changeMaster);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** {@code STOP SLAVE}, then sets the parallel applier threads (0 = single-threaded). */
  void stop(int parallelThreads) throws SQLException {
    execute("STOP SLAVE", "SET GLOBAL slave_parallel_threads = " + parallelThreads);
  }

  /** {@code START SLAVE} on every replica, one after the other. */
  void start() throws SQLException {
    execute("START SLAVE");
  }

  /** Waits until {@code SHOW SLAVE STATUS} shows the IO and SQL threads running everywhere. */
  void awaitRunning() throws SQLException, InterruptedException {
    for (int i = 0; i < replicas.size(); i++) {
      long deadline = System.currentTimeMillis() + STATUS_TIMEOUT_MILLIS;
      String status;
      while (!(status = status(statements.get(i))).equals("Yes/Yes")) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "Native replication on "
                  + replicas.get(i).name()
                  + " is not running (Slave_IO_Running/Slave_SQL_Running: "
                  + status
                  + ")");
        }
        Thread.sleep(5);
      }
    }
  }

  private static String status(Statement statement) throws SQLException {
    try (ResultSet status = statement.executeQuery("SHOW SLAVE STATUS")) {
      if (!status.next()) {
        return "not configured";
      }
      String error = status.getString("Last_Error");
      return status.getString("Slave_IO_Running")
          + "/"
          + status.getString("Slave_SQL_Running")
          + (error == null || error.isEmpty() ? "" : ", " + error);
    }
  }

  private void execute(String... sql) throws SQLException {
    for (Statement statement : statements) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    for (Connection connection : connections) {
      connection.close();
    }
  }
}
