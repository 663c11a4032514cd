package io.understudy.replicator.failover.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.schema.UnderstudySchema;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.ClusterTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 2)
class TopologyStoreIT {

  private static final Instant WRITTEN_AT = Instant.parse("2026-03-01T12:34:56.123456789Z");
  private static final TopologyStore STORE =
      new TopologyStore("monitor-a", Clock.fixed(WRITTEN_AT, ZoneOffset.UTC));

  /** Every test starts from nodes that hold the tables and no epoch. */
  @BeforeEach
  void emptyTopologyOnEveryNode(Cluster cluster) throws SQLException {
    Credentials admin = cluster.users().admin();
    for (ClusterNode node : cluster.nodes()) {
      UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());
      run(
          node,
          admin,
          "SET SESSION sql_log_bin = 0",
          "DELETE FROM understudy.topology_member",
          "DELETE FROM understudy.topology");
    }
  }

  @Test
  void publishedEpoch_readsBackWhole_withTheApplicationUsersOwnGrants(Cluster cluster)
      throws Exception {
    Topology topology = initial(cluster);

    PublishedTopology written = publish(cluster.node(0), cluster, topology);
    Credentials app = cluster.users().app();
    Optional<PublishedTopology> read =
        STORE.readNewest(cluster.node(0).jdbcUrl(), app.user(), app.password());

    assertThat(read).contains(written);
    assertThat(read.orElseThrow().topology()).isEqualTo(topology);
    assertThat(read.orElseThrow().writtenAt())
        .isEqualTo(Instant.parse("2026-03-01T12:34:56.123456Z"));
    assertThat(read.orElseThrow().writtenBy()).isEqualTo("monitor-a");
    assertThat(
            column(
                cluster,
                cluster.node(0),
                "SELECT CONCAT(epoch, ' ', primary_node, ' ', written_at, ' ', reason)"
                    + " FROM understudy.topology"))
        .containsExactly("1 node-0 2026-03-01 12:34:56.123456 cluster created");
  }

  @Test
  void nodeWithoutEpochs_readsEmpty(Cluster cluster) throws Exception {
    Credentials app = cluster.users().app();

    assertThat(STORE.readNewest(cluster.node(1).jdbcUrl(), app.user(), app.password())).isEmpty();
  }

  @Test
  void laterEpochs_keepTheHistory_andTheHighestIsNewest(Cluster cluster) throws Exception {
    Topology first = initial(cluster);
    Topology second = first.next("node-1", "node-0 unreachable for 1s, stream down");
    publish(cluster.node(0), cluster, first);
    publish(cluster.node(0), cluster, second);

    assertThat(readNewest(cluster.node(0), cluster).topology()).isEqualTo(second);
    assertThat(
            column(
                cluster,
                cluster.node(0),
                "SELECT CONCAT(epoch, ' ', node, ' ', role) FROM understudy.topology_member"
                    + " ORDER BY epoch, node"))
        .containsExactly(
            "1 node-0 primary", "1 node-1 replica", "2 node-0 fenced", "2 node-1 primary");
  }

  @Test
  void epochNotAboveTheNodesNewest_isRefused_namingWhatTheNodeHolds(Cluster cluster)
      throws Exception {
    Topology first = initial(cluster);
    Topology second = first.next("node-1", "failover");
    publish(cluster.node(0), cluster, second);

    for (Topology stale : List.of(second, first)) {
      assertThatThrownBy(() -> publish(cluster.node(0), cluster, stale))
          .isInstanceOfSatisfying(
              StaleEpochException.class,
              e -> {
                assertThat(e.refusedEpoch()).isEqualTo(stale.epoch());
                assertThat(e.newest().topology()).isEqualTo(second);
              })
          .hasMessageContaining("refused to publish epoch " + stale.epoch())
          .hasMessageContaining("it already holds epoch 2 (primary node-1, written by monitor-a");
    }
    assertThat(column(cluster, cluster.node(0), "SELECT COUNT(*) FROM understudy.topology_member"))
        .containsExactly("2");
  }

  @Test
  void nodeThatMissedEpochs_acceptsAHigherOne(Cluster cluster) throws Exception {
    Topology second = initial(cluster).next("node-1", "failover");
    Topology third = new Topology(3, second.members(), "node-1 moved to new hardware");

    publish(cluster.node(1), cluster, initial(cluster));
    publish(cluster.node(1), cluster, third);

    assertThat(readNewest(cluster.node(1), cluster).topology()).isEqualTo(third);
  }

  @Test
  void publishing_writesNoBinlogEvent_andNothingReachesTheOtherNode(Cluster cluster)
      throws Exception {
    String binlogBefore = column(cluster, cluster.node(1), "SELECT @@gtid_binlog_pos").get(0);
    String fileBefore = column(cluster, cluster.node(1), "SHOW MASTER STATUS").get(0);
    int eventsBefore = binlogEvents(cluster, cluster.node(1), fileBefore);

    // node-1 runs read_only=ON: the replicator's user writes there through READ_ONLY ADMIN.
    publish(cluster.node(1), cluster, initial(cluster));

    assertThat(column(cluster, cluster.node(1), "SELECT @@read_only")).containsExactly("1");
    assertThat(column(cluster, cluster.node(1), "SELECT @@gtid_binlog_pos"))
        .containsExactly(binlogBefore);
    assertThat(column(cluster, cluster.node(1), "SHOW MASTER STATUS")).containsExactly(fileBefore);
    assertThat(binlogEvents(cluster, cluster.node(1), fileBefore)).isEqualTo(eventsBefore);
    assertThat(column(cluster, cluster.node(0), "SELECT COUNT(*) FROM understudy.topology"))
        .containsExactly("0");
    assertThat(column(cluster, cluster.node(0), "SELECT COUNT(*) FROM understudy.topology_member"))
        .containsExactly("0");
  }

  @Test
  void userWithoutBinlogAdmin_isToldWhichGrantIsMissing(Cluster cluster) {
    Credentials app = cluster.users().app();

    assertThatThrownBy(
            () ->
                STORE.publish(
                    initial(cluster), cluster.node(0).jdbcUrl(), app.user(), app.password()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("user 'app' may not set sql_log_bin")
        .hasMessageContaining("grant it BINLOG ADMIN");
  }

  @Test
  void storedEpochBreakingTheRules_isReportedNamingNodeAndEpoch(Cluster cluster) throws Exception {
    publish(cluster.node(0), cluster, initial(cluster));
    run(
        cluster.node(0),
        cluster.users().admin(),
        "SET SESSION sql_log_bin = 0",
        "UPDATE understudy.topology SET primary_node = 'node-1'");

    assertThatThrownBy(() -> readNewest(cluster.node(0), cluster))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining(cluster.node(0).jdbcUrl() + " holds an invalid topology epoch 1")
        .hasMessageContaining("primary_node is 'node-1'");
  }

  /** The compare-and-set, on an empty table (gap lock, deadlock victim) and on a non-empty one. */
  @Test
  void concurrentPublishersOfOneEpoch_exactlyOneWins_theOthersAreToldWhy(Cluster cluster)
      throws Exception {
    Topology first = initial(cluster);
    Topology second = first.next("node-1", "failover");
    for (Topology contested : List.of(first, second)) {
      List<Object> outcomes = race(cluster, contested, 6);

      assertThat(outcomes).filteredOn(PublishedTopology.class::isInstance).hasSize(1);
      assertThat(outcomes)
          .as("every other publisher is refused with the winner's epoch, not a lock error")
          .filteredOn(StaleEpochException.class::isInstance)
          .hasSize(5)
          .allSatisfy(
              e ->
                  assertThat(((StaleEpochException) e).newest().epoch())
                      .isEqualTo(contested.epoch()));
    }
    assertThat(column(cluster, cluster.node(0), "SELECT COUNT(*) FROM understudy.topology"))
        .containsExactly("2");
  }

  /** Publishers queue on the node's named lock; the one that waited then sees the other's epoch. */
  @Test
  void publisher_waitsForAnotherPublisher_thenIsRefusedWithItsEpoch(Cluster cluster)
      throws Exception {
    Topology first = initial(cluster);
    publish(cluster.node(0), cluster, first);
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    try (Connection other = cluster.node(0).connect(cluster.users().admin());
        Statement sql = other.createStatement()) {
      sql.execute("SET SESSION sql_log_bin = 0");
      sql.executeQuery("SELECT GET_LOCK('" + PublishLock.NAME + "', 10)").close();
      other.setAutoCommit(false);
      sql.executeQuery("SELECT MAX(epoch) FROM understudy.topology FOR UPDATE").close();

      Future<PublishedTopology> outcome =
          publisher.submit(() -> publish(cluster.node(0), cluster, first.next("node-1", "x")));
      awaitSessionsIn(cluster, "User lock");
      assertThat(outcome).isNotDone();
      sql.execute(
          "INSERT INTO understudy.topology VALUES (2, 'node-1', UTC_TIMESTAMP(6), 'monitor-b', 'y')");
      sql.execute(
          "INSERT INTO understudy.topology_member SELECT 2, node, host, port,"
              + " IF(node = 'node-1', 'primary', 'fenced') FROM understudy.topology_member");
      other.commit();
      sql.executeQuery("SELECT RELEASE_LOCK('" + PublishLock.NAME + "')").close();

      assertThatThrownBy(outcome::get)
          .cause()
          .isInstanceOf(StaleEpochException.class)
          .hasMessageContaining("it already holds epoch 2 (primary node-1, written by monitor-b");
    } finally {
      publisher.shutdownNow();
    }
  }

  /** The compare-and-set's row lock holds off a writer that bypasses the named lock. */
  @Test
  void publisher_waitsWhileAnotherTransactionLocksTheNewestEpoch(Cluster cluster) throws Exception {
    Topology first = initial(cluster);
    Topology second = first.next("node-1", "failover");
    publish(cluster.node(0), cluster, first);
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    try (Connection other = cluster.node(0).connect(cluster.users().admin());
        Statement sql = other.createStatement()) {
      other.setAutoCommit(false);
      sql.executeQuery("SELECT MAX(epoch) FROM understudy.topology FOR UPDATE").close();

      Future<PublishedTopology> outcome =
          publisher.submit(() -> publish(cluster.node(0), cluster, second));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          column(
                              cluster,
                              cluster.node(0),
                              "SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS"))
                      .containsExactly("1"));
      assertThat(outcome).isNotDone();
      other.rollback();

      assertThat(outcome.get().topology()).isEqualTo(second);
    } finally {
      publisher.shutdownNow();
    }
  }

  private static void awaitSessionsIn(Cluster cluster, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        column(
                            cluster,
                            cluster.node(0),
                            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = '"
                                + state
                                + "'"))
                    .containsExactly("1"));
  }

  private static List<Object> race(Cluster cluster, Topology topology, int publishers)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(publishers);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < publishers; i++) {
      tasks.add(
          () -> {
            start.await();
            try {
              return publish(cluster.node(0), cluster, topology);
            } catch (StaleEpochException | SQLException e) {
              return e;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    try {
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> outcome : pool.invokeAll(tasks)) {
        outcomes.add(outcome.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Topology initial(Cluster cluster) {
    List<Member> members = new ArrayList<>();
    for (ClusterNode node : cluster.nodes()) {
      Role role = node.index() == 0 ? Role.PRIMARY : Role.REPLICA;
      members.add(new Member(node.name(), node.host(), node.port(), role));
    }
    return new Topology(1, members, "cluster created");
  }

  private static PublishedTopology publish(ClusterNode node, Cluster cluster, Topology topology)
      throws SQLException, StaleEpochException {
    Credentials replicator = cluster.users().replicator();
    return STORE.publish(topology, node.jdbcUrl(), replicator.user(), replicator.password());
  }

  private static PublishedTopology readNewest(ClusterNode node, Cluster cluster)
      throws SQLException {
    Credentials app = cluster.users().app();
    return STORE.readNewest(node.jdbcUrl(), app.user(), app.password()).orElseThrow();
  }

  private static int binlogEvents(Cluster cluster, ClusterNode node, String file)
      throws SQLException {
    return column(cluster, node, "SHOW BINLOG EVENTS IN '" + file + "'").size();
  }

  private static void run(ClusterNode node, Credentials user, String... statements)
      throws SQLException {
    try (Connection connection = node.connect(user);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> column(Cluster cluster, ClusterNode node, String sql)
      throws SQLException {
    try (Connection connection = node.connect(cluster.users().admin());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
