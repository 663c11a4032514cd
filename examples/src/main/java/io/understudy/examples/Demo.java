package io.understudy.examples;

import io.understudy.replicator.Replicator;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.ClusterOptions;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.EmbeddedCluster;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The README demo: starts an embedded three-node MariaDB cluster and the replicator, writes on the
 * primary and shows the writes applied on every replica, routes a workload through {@code
 * ReplicatedDataSource}, and stops everything.
 *
 * <p>Run it with {@code mvn -q -Pdemo -DskipTests package} from the project root.
 */
public final class Demo {

  private final PrintStream out;

  Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws SQLException {
    new Demo(System.out).run(ClusterOptions.fromSystemProperties(3));
  }

  void run(ClusterOptions options) throws SQLException {
    out.println("Understudy demo: an embedded " + options.nodes() + "-node MariaDB cluster");
    long begin = System.nanoTime();
    try (Cluster cluster = EmbeddedCluster.start(options)) {
      out.printf("Cluster ready in %d ms%n%n", cluster.startupTime().toMillis());
      printStatus(cluster);

      ClusterNode primary = cluster.node(0);
      out.printf(
          "%nStarting the replicator: Debezium follows %s's binlog, one applier per replica...%n",
          primary.name());
      try (Replicator replicator = DemoReplication.start(cluster)) {
        out.printf("%nWriting three transactions on the primary (%s)...%n", primary.name());
        writeSomeRows(primary, cluster.users().app());
        DemoReplication.awaitCaughtUp(cluster, replicator);
        out.printf("Replicated: every replica has applied them.%n%n");
        printStatus(cluster);
        out.println();
        DemoReplication.printApplied(out, replicator);

        out.printf("%nRouting a workload through ReplicatedDataSource...%n%n");
        new RoutingWorkload(out).run(cluster);
        DemoReplication.awaitCaughtUp(cluster, replicator);
        printRowCounts(cluster);
        out.println();
        out.println("Stopping the replicator...");
      }
      out.println("Stopping the cluster...");
    }
    Duration total = Duration.ofNanos(System.nanoTime() - begin);
    out.printf("All nodes stopped; the demo took %d ms.%n", total.toMillis());
  }

  private void printStatus(Cluster cluster) throws SQLException {
    out.println(NodeStatus.header());
    for (ClusterNode node : cluster.nodes()) {
      out.println(NodeStatus.of(node, cluster.users().monitor()).line());
    }
  }

  private void printRowCounts(Cluster cluster) throws SQLException {
    StringBuilder counts = new StringBuilder();
    for (ClusterNode node : cluster.nodes()) {
      try (Connection connection = node.connect(cluster.users().app());
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM app_demo.greeting")) {
        row.next();
        counts.append(counts.length() == 0 ? "" : ", ").append(node.name()).append(' ');
        counts.append(row.getLong(1));
      }
    }
    out.printf("%nRows in app_demo.greeting on each node: %s%n", counts);
  }

  private static void writeSomeRows(ClusterNode primary, Credentials app) throws SQLException {
    try (Connection connection = primary.connect(app);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS app_demo");
      statement.execute(
          "CREATE TABLE app_demo.greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL)");
      statement.execute("INSERT INTO app_demo.greeting VALUES (1, 'hello from the primary')");
    }
  }
}
