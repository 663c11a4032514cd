package io.understudy.router;

import static io.understudy.router.RouterFixture.execute;
import static io.understudy.router.RouterFixture.queryInt;
import static io.understudy.router.RouterFixture.serverId;
import static io.understudy.router.TopologyTables.fenced;
import static io.understudy.router.TopologyTables.primary;
import static io.understudy.router.TopologyTables.replica;
import static io.understudy.router.TopologyTables.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.understudy.router.internal.discovery.DiscoveringTopologySource;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Discovery mode against real servers: the topology tables are written by hand (as the failover
 * monitor will), and every routing expectation is checked with {@code @@server_id}.
 */
@ClusterTest(nodes = 3)
class TopologyDiscoveryIT {

  private static final Duration NEVER = Duration.ofHours(1);
  private static final AtomicInteger NAMES = new AtomicInteger();

  @Test
  void aPartialSeedList_leadsToTheNewestEpoch_pastAStaleNode_andFencedNodesGetNoTraffic(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode n0 = cluster.node(0);
    ClusterNode n1 = cluster.node(1);
    ClusterNode n2 = cluster.node(2);
    TopologyTables tables = new TopologyTables(cluster);
    tables.createEverywhere();
    // Node 1 missed epoch 2, which fenced it; it still holds epoch 1, where it was the primary.
    tables.publish(n1, 1, List.of(primary(n1), replica(n0), replica(n2)));
    tables.publish(List.of(n0, n2), 2, List.of(primary(n0), fenced(n1), replica(n2)));
    createServerTable(cluster, schema);

    String name = "discovery-" + NAMES.incrementAndGet();
    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(config(cluster, schema, NEVER, n1).name(name).build())) {
      assertThat(dataSource.stats().epoch()).isEqualTo(2);
      assertThat(dataSource.stats().nodes())
          .extracting(RouterStats.NodeStats::name, RouterStats.NodeStats::role)
          .containsExactly(tuple(seed(n0), "primary"), tuple(seed(n2), "replica"));

      try (Connection connection = dataSource.getConnection()) {
        execute(connection, "INSERT INTO servers SELECT @@server_id");
      }
      assertThat(rowsOn(cluster, schema)).containsExactly("1:1", "2:", "3:");
      assertThat(readServers(dataSource)).containsOnly(n2.serverId());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> threads("understudy-topology-" + name) == 0);
  }

  @Test
  void aNewerEpochPublishedOnOneNodeOnly_isAdoptedAtTheNextRefresh(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode n0 = cluster.node(0);
    ClusterNode n1 = cluster.node(1);
    ClusterNode n2 = cluster.node(2);
    TopologyTables tables = new TopologyTables(cluster);
    tables.createEverywhere();
    tables.publish(cluster.nodes(), 1, List.of(primary(n0), replica(n1), replica(n2)));

    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(
            config(cluster, schema, Duration.ofMillis(200), n0, n1, n2).build())) {
      assertThat(readServers(dataSource)).containsOnly(n1.serverId(), n2.serverId());

      tables.publish(n2, 2, List.of(primary(n0), fenced(n1), replica(n2)));

      await().atMost(Duration.ofSeconds(10)).until(() -> dataSource.stats().epoch() == 2);
      assertThat(readServers(dataSource)).containsOnly(n2.serverId());
      try (Connection connection = dataSource.getConnection()) {
        assertThat(queryInt(connection, "/* understudy:primary */ SELECT @@server_id"))
            .isEqualTo(n0.serverId());
      }
    }
  }

  @Test
  void demandsForAFreshTopology_areCoalesced(Cluster cluster, TestSchema schema) throws Exception {
    TopologyTables tables = new TopologyTables(cluster);
    tables.createEverywhere();
    tables.publish(
        cluster.nodes(),
        1,
        List.of(primary(cluster.node(0)), replica(cluster.node(1)), replica(cluster.node(2))));

    try (ReplicatedDataSource dataSource =
        new ReplicatedDataSource(config(cluster, schema, NEVER, cluster.node(0)).build())) {
      DiscoveringTopologySource source = (DiscoveringTopologySource) dataSource.topologySource();
      long before = source.rounds();

      for (int i = 0; i < 1_000; i++) {
        source.primaryUnreachable();
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> source.rounds() > before);
      // Each demand finding one queued joins it; 1000 rounds would mean no coalescing at all.
      assertThat(source.rounds() - before).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void aTransactionOpenOnTheOldPrimary_failsWith08S02_andTheRetryRunsOnTheNewPrimary(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode n0 = cluster.node(0);
    ClusterNode n1 = cluster.node(1);
    ClusterNode n2 = cluster.node(2);
    TopologyTables tables = new TopologyTables(cluster);
    tables.createEverywhere();
    tables.publish(cluster.nodes(), 1, List.of(primary(n0), replica(n1), replica(n2)));
    createServerTable(cluster, schema);

    try (ReplicatedDataSource dataSource =
            new ReplicatedDataSource(
                config(cluster, schema, Duration.ofMillis(200), n0, n1, n2).build());
        Connection transaction = dataSource.getConnection()) {
      transaction.setAutoCommit(false);
      execute(transaction, "INSERT INTO servers SELECT @@server_id");

      // A switchover as the monitor does it: node 1 becomes writable and epoch 2 names it.
      setReadOnly(cluster, n1, false);
      tables.publish(cluster.nodes(), 2, List.of(replica(n0), primary(n1), replica(n2)));
      await().atMost(Duration.ofSeconds(10)).until(() -> dataSource.stats().epoch() == 2);

      assertThatThrownBy(() -> execute(transaction, "INSERT INTO servers SELECT @@server_id"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08S02"));
      transaction.rollback();
      execute(transaction, "INSERT INTO servers SELECT @@server_id");
      transaction.commit();

      assertThat(rowsOn(cluster, schema)).containsExactly("1:", "2:2", "3:");
    } finally {
      setReadOnly(cluster, n1, true);
    }
  }

  @Test
  @FreshCluster
  void aWriteToADeadPrimary_refreshesAtOnce_andOnceANewEpochIsOutWritesGoToTheNewPrimary(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode n0 = cluster.node(0);
    ClusterNode n1 = cluster.node(1);
    ClusterNode n2 = cluster.node(2);
    TopologyTables tables = new TopologyTables(cluster);
    tables.createEverywhere();
    tables.publish(cluster.nodes(), 1, List.of(primary(n0), replica(n1), replica(n2)));
    createServerTable(cluster, schema);
    // No scheduled refresh and no health probe: only the failed write can ask for a refresh.
    RouterConfig config =
        config(cluster, schema, NEVER, n0, n1, n2)
            .healthCheckInterval(NEVER)
            .pool(
                PoolSettings.builder()
                    .connectionTimeout(Duration.ofSeconds(1))
                    .validationTimeout(Duration.ofMillis(500))
                    .build())
            .build();

    try (ReplicatedDataSource dataSource = new ReplicatedDataSource(config);
        Connection connection = dataSource.getConnection()) {
      DiscoveringTopologySource source = (DiscoveringTopologySource) dataSource.topologySource();
      execute(connection, "INSERT INTO servers SELECT @@server_id");
      long roundsBefore = source.rounds();

      n0.kill();
      assertThatThrownBy(() -> execute(connection, "INSERT INTO servers SELECT @@server_id"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
      await().atMost(Duration.ofSeconds(10)).until(() -> source.rounds() > roundsBefore);
      assertThat(dataSource.stats().epoch()).isEqualTo(1);

      setReadOnly(cluster, n1, false);
      tables.publish(List.of(n1, n2), 2, List.of(fenced(n0), primary(n1), replica(n2)));

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .untilAsserted(() -> execute(connection, "INSERT INTO servers SELECT @@server_id"));
      assertThat(dataSource.stats().epoch()).isEqualTo(2);
      assertThat(rowCount(cluster.node(1), cluster, schema, n1.serverId())).isEqualTo(1);
    }
  }

  @Test
  void noSeedHoldingATopology_failsTheBuild_namingEachSeedAndWhatToDo(
      Cluster cluster, TestSchema schema) throws Exception {
    TopologyTables tables = new TopologyTables(cluster);
    tables.drop(cluster.node(0));
    tables.create(cluster.node(1));
    String dead = "127.0.0.1:" + freePort();
    String name = "discovery-" + NAMES.incrementAndGet();
    RouterConfig config =
        config(cluster, schema, NEVER, cluster.node(0), cluster.node(1))
            .discoverySeeds(dead, seed(cluster.node(0)), seed(cluster.node(1)))
            .name(name)
            .build();

    assertThatThrownBy(() -> new ReplicatedDataSource(config))
        .isInstanceOf(TopologyUnavailableException.class)
        .hasMessageContaining(dead + ": unreachable")
        .hasMessageContaining(seed(cluster.node(0)) + ": has no understudy.topology table")
        .hasMessageContaining(seed(cluster.node(1)) + ": holds no topology yet")
        .hasMessageContaining("run the replicator once")
        .hasMessageContaining("understudy.primary.url");
    assertThat(threads(name)).isZero();
  }

  private static RouterConfig.Builder config(
      Cluster cluster, TestSchema schema, Duration refresh, ClusterNode... seeds) {
    return RouterConfig.builder()
        .discoverySeeds(Arrays.stream(seeds).map(TopologyTables::seed).toList())
        .discoveryDatabase(schema.name())
        .username(cluster.users().app().user())
        .password(cluster.users().app().password())
        .healthCheckInterval(Duration.ofMillis(200))
        .topologyRefresh(refresh);
  }

  /** {@code servers(id)} on every node, outside the binary log: no replication in these tests. */
  private static void createServerTable(Cluster cluster, TestSchema schema) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      try (Connection admin = node.connect(cluster.users().admin())) {
        execute(
            admin,
            "SET SESSION sql_log_bin = 0",
            "CREATE TABLE " + schema.name() + ".servers (server_id INT NOT NULL)");
      }
    }
  }

  /** Per node, {@code <server_id>:<rows of servers, comma-separated>}. */
  private static List<String> rowsOn(Cluster cluster, TestSchema schema) throws SQLException {
    List<String> result = new ArrayList<>();
    for (ClusterNode node : cluster.nodes()) {
      StringBuilder rows = new StringBuilder(node.serverId() + ":");
      try (Connection admin = node.connect(cluster.users().admin());
          var statement = admin.createStatement();
          var set =
              statement.executeQuery(
                  "SELECT server_id FROM " + schema.name() + ".servers ORDER BY server_id")) {
        String separator = "";
        while (set.next()) {
          rows.append(separator).append(set.getInt(1));
          separator = ",";
        }
      }
      result.add(rows.toString());
    }
    return result;
  }

  private static int rowCount(ClusterNode node, Cluster cluster, TestSchema schema, int serverId)
      throws SQLException {
    try (Connection admin = node.connect(cluster.users().admin())) {
      return queryInt(
          admin,
          "SELECT COUNT(*) FROM " + schema.name() + ".servers WHERE server_id = " + serverId);
    }
  }

  private static void setReadOnly(Cluster cluster, ClusterNode node, boolean readOnly)
      throws SQLException {
    try (Connection monitor = node.connect(cluster.users().monitor())) {
      execute(monitor, "SET GLOBAL read_only = " + (readOnly ? "ON" : "OFF"));
    }
  }

  private static Set<Integer> readServers(ReplicatedDataSource dataSource) throws SQLException {
    Set<Integer> servers = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < 20; i++) {
        servers.add(serverId(connection));
      }
    }
    return servers;
  }

  private static long threads(String namePart) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().contains(namePart))
        .count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
