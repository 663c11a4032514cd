package io.understudy.examples;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.ClusterOptions;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.EmbeddedCluster;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The README demo: starts an embedded three-node MariaDB cluster, shows each node's role and GTID
 * position before and after a few writes on the primary, and stops the cluster.
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
      out.printf("%nWriting three transactions on the primary (%s)...%n%n", primary.name());
      writeSomeRows(primary, cluster.users().app());
      printStatus(cluster);
      out.println();
      out.println(
          "Only the primary moved: replication between the nodes arrives with the replicator.");

      out.printf("%nRouting a workload through ReplicatedDataSource...%n%n");
      new RoutingWorkload(out).run(cluster);
      out.println();
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
