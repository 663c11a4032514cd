package io.understudy.router;

import static org.awaitility.Awaitility.await;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Data sources leave nothing behind: no thread, no connection. */
@ClusterTest(nodes = 3)
class LifecycleIT {

  @Test
  void hundredDataSourcesOpenedAndClosedLeaveNoThreads(Cluster cluster, TestSchema schema)
      throws SQLException {
    int before = routerThreads();
    for (int i = 0; i < 100; i++) {
      try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema);
          Connection connection = dataSource.getConnection()) {
        RouterFixture.serverId(connection);
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> routerThreads() <= before);
  }

  /**
   * Threads of the router and of the HikariCP pools it creates, all named after the data source
   * ({@code understudy-<n>...}); the testkit's own threads are not counted.
   */
  private static int routerThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(
                name -> name.startsWith("understudy-") && !name.startsWith("understudy-testkit"))
            .count();
  }
}
