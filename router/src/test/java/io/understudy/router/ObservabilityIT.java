package io.understudy.router;

import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.understudy.router.micrometer.RouterMetrics;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** Per-node counters, as stats(), JMX and Micrometer show them. */
@ClusterTest(nodes = 3)
class ObservabilityIT {

  @Test
  void statsJmxAndMicrometerCountWhatWasRouted(Cluster cluster, TestSchema schema)
      throws SQLException, JMException {
    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(RouterFixture.config(cluster, schema).name("observed").build())) {
      try (Connection connection = dataSource.getConnection()) {
        for (int i = 0; i < 10; i++) {
          serverId(connection);
        }
        RouterFixture.execute(connection, "CREATE TABLE t (id INT PRIMARY KEY)");
      }
      String primary = name(cluster, 0);
      String replica1 = name(cluster, 1);
      RouterStats stats = dataSource.stats();
      assertThat(stats.node(replica1).reads()).isEqualTo(5);
      assertThat(stats.node(name(cluster, 2)).reads()).isEqualTo(5);
      assertThat(stats.node(primary).writes()).isEqualTo(1);
      assertThat(stats.node(primary).role()).isEqualTo("primary");

      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName bean = new ObjectName("io.understudy:type=ReplicatedDataSource,name=\"observed\"");
      assertThat(server.getAttribute(bean, "Primary")).isEqualTo(primary);
      assertThat((String[]) server.getAttribute(bean, "Replicas")).hasSize(2);
      TabularData reads = (TabularData) server.getAttribute(bean, "Reads");
      assertThat(reads.get(new Object[] {replica1}).get("value")).isEqualTo(5L);

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new RouterMetrics(dataSource).bindTo(registry);
      assertThat(
              registry
                  .get("understudy.router.reads")
                  .tag("node", replica1)
                  .tag("datasource", "observed")
                  .functionCounter()
                  .count())
          .isEqualTo(5.0);
      assertThat(registry.get("understudy.router.healthy").tag("node", primary).gauge().value())
          .isEqualTo(1.0);

      // With Micrometer on the class path, the data source binds to the global registry itself.
      SimpleMeterRegistry global = new SimpleMeterRegistry();
      Metrics.globalRegistry.add(global);
      try {
        assertThat(
                Metrics.globalRegistry
                    .get("understudy.router.reads")
                    .tag("datasource", "observed")
                    .tag("node", replica1)
                    .functionCounter()
                    .count())
            .isEqualTo(5.0);
        dataSource.close();
        assertThat(
                Metrics.globalRegistry
                    .find("understudy.router.reads")
                    .tag("datasource", "observed")
                    .meters())
            .as("meters removed when the data source closes")
            .isEmpty();
      } finally {
        Metrics.globalRegistry.remove(global);
      }
      assertThat(server.isRegistered(bean)).isFalse();
    }
  }

  private static String name(Cluster cluster, int node) {
    return cluster.node(node).host() + ":" + cluster.node(node).port();
  }
}
