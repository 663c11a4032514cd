package io.understudy.router;

import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Nodes die and come back; reads and writes behave as docs/errors.md says. */
@ClusterTest(nodes = 3)
class FailureIT {

  private static final int READERS = 8;
  private static final int READS_PER_READER = 400;

  @Test
  @FreshCluster
  void replicaKilledUnderConcurrentReadsCausesNoFailedRead(Cluster cluster, TestSchema schema)
      throws Exception {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      AtomicInteger done = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicReference<Throwable> firstFailure = new AtomicReference<>();
      CountDownLatch started = new CountDownLatch(READERS);
      ExecutorService readers = Executors.newFixedThreadPool(READERS);
      List<Future<?>> futures = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        futures.add(
            readers.submit(
                () -> {
                  started.countDown();
                  for (int i = 0; i < READS_PER_READER; i++) {
                    try (Connection connection = dataSource.getConnection()) {
                      serverId(connection);
                      done.incrementAndGet();
                    } catch (SQLException e) {
                      failed.incrementAndGet();
                      firstFailure.compareAndSet(null, e);
                    }
                  }
                }));
      }
      started.await();
      await().until(() -> done.get() > READERS * READS_PER_READER / 4);
      cluster.node(1).kill();
      for (Future<?> future : futures) {
        future.get();
      }
      readers.shutdown();

      assertThat(failed.get()).as("failed reads, first: %s", firstFailure.get()).isZero();
      assertThat(dataSource.stats().node(name(cluster, 1)).healthy()).isFalse();

      cluster.node(1).restart();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> dataSource.stats().node(name(cluster, 1)).healthy());
      assertThat(dataSource.stats().node(name(cluster, 1)).readmissions()).isEqualTo(1);
      try (Connection connection = dataSource.getConnection()) {
        List<Integer> servers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          servers.add(serverId(connection));
        }
        assertThat(servers).contains(2, 3);
      }
    }
  }

  @Test
  @FreshCluster
  void readsFallBackToThePrimaryWhenNoReplicaIsLeft(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      cluster.node(1).kill();
      cluster.node(2).kill();
      // No statement touches the replicas: the health thread alone finds them dead.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  !dataSource.stats().node(name(cluster, 1)).healthy()
                      && !dataSource.stats().node(name(cluster, 2)).healthy());
      try (Connection connection = dataSource.getConnection()) {
        for (int i = 0; i < 5; i++) {
          assertThat(serverId(connection)).isEqualTo(1);
        }
      }
      assertThat(dataSource.stats().node(name(cluster, 0)).fallbackReads()).isEqualTo(5);
    }
  }

  @Test
  @FreshCluster
  void withoutFallbackReadsFailNamingTheNodesTried(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(
            RouterFixture.config(cluster, schema).fallbackToPrimary(false).build())) {
      cluster.node(1).kill();
      cluster.node(2).kill();
      try (Connection connection = dataSource.getConnection()) {
        assertThatThrownBy(() -> serverId(connection))
            .isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageContaining("fallbackToPrimary is off")
            .hasMessageContaining(name(cluster, 1))
            .hasMessageContaining(name(cluster, 2));
      }
    }
  }

  @Test
  @FreshCluster
  void deadPrimaryFailsWritesFastWhileReadsContinue(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      cluster.node(0).kill();
      try (Connection connection = dataSource.getConnection()) {
        for (int attempt = 0; attempt < 2; attempt++) {
          assertThatThrownBy(() -> RouterFixture.execute(connection, "CREATE TABLE t (id INT)"))
              .isInstanceOf(SQLTransientConnectionException.class)
              .hasMessageContaining(name(cluster, 0))
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("08001");
        }
        assertThat(serverId(connection)).isIn(2, 3);
      }
    }
  }

  private static String name(Cluster cluster, int node) {
    return cluster.node(node).host() + ":" + cluster.node(node).port();
  }
}
