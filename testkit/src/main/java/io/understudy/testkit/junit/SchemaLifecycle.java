package io.understudy.testkit.junit;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Creates a test's schema on every node and drops it again when the test's store closes. */
final class SchemaLifecycle implements AutoCloseable {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final int MAX_IDENTIFIER = 64;

  private final Cluster cluster;
  private final TestSchema schema;

  private SchemaLifecycle(Cluster cluster, TestSchema schema) {
    this.cluster = cluster;
    this.schema = schema;
  }

  static SchemaLifecycle create(Cluster cluster, ExtensionContext context) {
    TestSchema schema = new TestSchema(uniqueName(ClusterExtension.methodName(context)));
    for (ClusterNode node : cluster.nodes()) {
      run(cluster, node, "CREATE DATABASE " + schema.name());
    }
    return new SchemaLifecycle(cluster, schema);
  }

  TestSchema schema() {
    return schema;
  }

  /**
   * {@code app_<method>_<n>}: readable in logs, unique in the JVM, a valid unquoted identifier, and
   * inside the {@code app_*} schemas that the application user has privileges on.
   */
  static String uniqueName(String method) {
    String suffix = "_" + SEQUENCE.incrementAndGet();
    String base = "app_" + method.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return base.substring(0, Math.min(base.length(), MAX_IDENTIFIER - suffix.length())) + suffix;
  }

  @Override
  public void close() {
    for (ClusterNode node : cluster.nodes()) {
      if (node.isAlive() && !node.isPaused()) {
        try {
          run(cluster, node, "DROP DATABASE IF EXISTS " + schema.name());
        } catch (IllegalStateException e) {
          // The test may have broken this node on purpose; its data goes with the cluster.
        }
      }
    }
  }

  private static void run(Cluster cluster, ClusterNode node, String ddl) {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(ddl + " failed on " + node + ": " + e.getMessage(), e);
    }
  }
}
