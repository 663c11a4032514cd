package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.capture.CaptureConfig;
import io.understudy.replicator.capture.CaptureException;
import io.understudy.replicator.capture.TransactionSink;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.FreshCluster;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The capture and apply paths on whatever server family the testkit runs: embedded MariaDB by
 * default, MySQL 8.4 with {@code -Dunderstudy.cluster=containers -Dunderstudy.flavour=mysql}
 * (skipped, with the testkit's message, where no Docker engine runs). Each test asks the server
 * what to expect (its GTID domain or server UUID), so the same assertions hold for both.
 */
@ClusterTest(nodes = 3)
class ServerFlavourIT {

  private static final AtomicLong SERVER_IDS = new AtomicLong(5450);
  private static final Duration QUIET = Duration.ofMillis(700);

  @Test
  void captureDetectsTheFlavour_andEachPositionNamesThePrimarysStream(
      Cluster cluster, TestSchema schema) throws Exception {
    write(cluster, schema, "CREATE TABLE t (id INT PRIMARY KEY)");
    Sink sink = new Sink();
    try (BinlogCapture capture = new BinlogCapture(captureConfig(cluster, schema), sink)) {
      capture.start();
      write(cluster, schema, "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");

      List<Transaction> transactions = sink.next(2);
      SourcePosition first = transactions.get(0).position();
      SourcePosition second = transactions.get(1).position();
      assertThat(first.stream()).isEqualTo(ownStream(cluster));
      assertThat(second.isAfter(first)).isTrue();
      assertThat(first.isAfter(second)).isFalse();
      assertThat(isExecuted(cluster, second.gtid())).isTrue();
      sink.assertNothingMore();
    }
  }

  @Test
  void restartAfterTheSecondOfFour_deliversExactlyTheThirdAndFourth(
      Cluster cluster, TestSchema schema) throws Exception {
    write(cluster, schema, "CREATE TABLE t (id INT PRIMARY KEY)");
    CaptureConfig config = captureConfig(cluster, schema);
    Sink sink = new Sink();
    SourcePosition second;
    try (BinlogCapture capture = new BinlogCapture(config, sink)) {
      capture.start();
      for (int id = 1; id <= 4; id++) {
        write(cluster, schema, "INSERT INTO t VALUES (" + id + ")");
      }
      second = sink.next(4).get(1).position();
    }

    Sink resumed = new Sink();
    try (BinlogCapture capture =
        new BinlogCapture(
            config.withServerId(SERVER_IDS.incrementAndGet()).startingAfter(second), resumed)) {
      capture.start();
      assertThat(resumed.next(2)).extracting(ServerFlavourIT::firstId).containsExactly(3, 4);
      resumed.assertNothingMore();
    }
  }

  /**
   * After a failover, {@code gtid_executed} holds the GTIDs of more than one source server.
   * Resuming after a transaction of one of them must not deliver the others' transactions again.
   * MySQL only: a MariaDB GTID of another domain is a separate stream this version does not follow.
   */
  @Test
  void mySql_transactionsOfAnotherSourceUuidBeforeTheStart_areNotDeliveredAgain(
      Cluster cluster, TestSchema schema) throws Exception {
    assumeTrue(flavourOf(cluster) == ServerFlavour.MYSQL, "GTID sets are MySQL's");
    write(cluster, schema, "CREATE TABLE t (id INT PRIMARY KEY)");
    CaptureConfig config = captureConfig(cluster, schema);
    Sink sink = new Sink();
    SourcePosition applied;
    try (BinlogCapture capture = new BinlogCapture(config, sink)) {
      capture.start();
      write(cluster, schema, "INSERT INTO t VALUES (1)");
      // A transaction that a former primary wrote, as it looks in the new primary's binlog.
      try (Connection admin = cluster.node(0).connect(cluster.users().admin());
          Statement statement = admin.createStatement()) {
        statement.execute("SET gtid_next = 'aaaaaaaa-0000-0000-0000-00000000000a:1'");
        statement.execute("INSERT INTO " + schema.name() + ".t VALUES (2)");
        statement.execute("SET gtid_next = 'AUTOMATIC'");
      }
      write(cluster, schema, "INSERT INTO t VALUES (3)");
      List<Transaction> all = sink.next(3);
      assertThat(all.get(1).position().stream()).isEqualTo("aaaaaaaa-0000-0000-0000-00000000000a");
      applied = all.get(0).position();
    }

    Sink resumed = new Sink();
    try (BinlogCapture capture =
        new BinlogCapture(
            config.withServerId(SERVER_IDS.incrementAndGet()).startingAfter(applied), resumed)) {
      capture.start();
      write(cluster, schema, "INSERT INTO t VALUES (4)");
      assertThat(resumed.next(2)).extracting(ServerFlavourIT::firstId).containsExactly(3, 4);
      resumed.assertNothingMore();
    }
  }

  @Test
  void aConfiguredFlavourTheServerDoesNotRun_isRefusedNamingBoth(
      Cluster cluster, TestSchema schema) {
    ServerFlavour actual = flavourOf(cluster);
    ServerFlavour other =
        actual == ServerFlavour.MARIADB ? ServerFlavour.MYSQL : ServerFlavour.MARIADB;
    BinlogCapture capture =
        new BinlogCapture(captureConfig(cluster, schema).withFlavour(other), new Sink());

    assertThatThrownBy(capture::start)
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("configured for " + other)
        .hasMessageContaining("configure " + actual);
    assertThat(capture.state()).isEqualTo(BinlogCapture.State.FAILED);
  }

  @Test
  @FreshCluster
  void replicatesToEveryReplica_storingTheSourceStreamWithTheRows(
      Cluster cluster, TestSchema schema) throws Exception {
    String table = schema.name() + ".item";
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(
          cluster,
          "CREATE TABLE "
              + table
              + " (id INT PRIMARY KEY, price DECIMAL(10,2), qty INT,"
              + " total DECIMAL(12,2) AS (price * qty) STORED, note VARCHAR(20))",
          "INSERT INTO "
              + table
              + " (id, price, qty, note) VALUES (1, 2.50, 4, 'a'), (2, 1.00, 1, NULL)",
          "UPDATE " + table + " SET qty = 5 WHERE id = 1");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));
    }

    // Written while no replicator runs: picked up from the positions the replicas hold.
    E2e.write(cluster, "DELETE FROM " + table + " WHERE id = 2");
    try (Replicator replicator = new Replicator(E2e.config(cluster)).start()) {
      E2e.awaitStreaming(replicator);
      E2e.write(cluster, "INSERT INTO " + table + " (id, price, qty) VALUES (3, 3.00, 3)");
      E2e.awaitIdentical(cluster, table, Duration.ofSeconds(30));
    }
    for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
      assertThat(storedStreams(cluster, replica))
          .as(replica.name())
          .containsExactly(ownStream(cluster));
    }
  }

  private static CaptureConfig captureConfig(Cluster cluster, TestSchema schema) {
    Credentials replicator = cluster.users().replicator();
    return CaptureConfig.of(
            cluster.node(0).host(),
            cluster.node(0).port(),
            replicator.user(),
            replicator.password(),
            SERVER_IDS.incrementAndGet())
        .including(List.of(schema.name()));
  }

  private static ServerFlavour flavourOf(Cluster cluster) {
    return ServerFlavour.valueOf(cluster.flavour().name());
  }

  /** The stream the primary's own transactions belong to, as the server names it. */
  private static String ownStream(Cluster cluster) throws SQLException {
    return switch (flavourOf(cluster)) {
      case MARIADB -> queryPrimary(cluster, "SELECT @@gtid_domain_id");
      case MYSQL -> queryPrimary(cluster, "SELECT @@server_uuid");
    };
  }

  /** Whether the primary's executed GTIDs include {@code gtid}. */
  private static boolean isExecuted(Cluster cluster, String gtid) throws SQLException {
    String sql =
        switch (flavourOf(cluster)) {
          case MARIADB -> "SELECT FIND_IN_SET(?, REPLACE(@@gtid_binlog_pos, ' ', '')) > 0";
          case MYSQL -> "SELECT GTID_SUBSET(?, @@gtid_executed)";
        };
    try (Connection admin = cluster.node(0).connect(cluster.users().admin());
        PreparedStatement statement = admin.prepareStatement(sql)) {
      statement.setString(1, gtid);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static List<String> storedStreams(Cluster cluster, ClusterNode node) throws SQLException {
    try (Connection admin = node.connect(cluster.users().admin());
        Statement statement = admin.createStatement();
        ResultSet rs = statement.executeQuery("SELECT stream FROM understudy.applied_position")) {
      List<String> streams = new ArrayList<>();
      while (rs.next()) {
        streams.add(rs.getString(1));
      }
      return streams;
    }
  }

  private static String queryPrimary(Cluster cluster, String sql) throws SQLException {
    try (Connection admin = cluster.node(0).connect(cluster.users().admin());
        Statement statement = admin.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void write(Cluster cluster, TestSchema schema, String... statements)
      throws SQLException {
    try (Connection connection = cluster.node(0).connect(cluster.users().app())) {
      connection.setCatalog(schema.name()); // before the statement, which keeps the schema it saw
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
    }
  }

  private static Object firstId(Transaction transaction) {
    return ((RowChange) transaction.changes().get(0)).after().get("id");
  }

  /** Keeps what the capture hands over, for the test to take in order. */
  private static final class Sink implements TransactionSink {
    private final BlockingQueue<Transaction> received = new LinkedBlockingQueue<>();

    @Override
    public void accept(Transaction transaction) {
      received.add(transaction);
    }

    List<Transaction> next(int count) throws InterruptedException {
      List<Transaction> transactions = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Transaction transaction = received.poll(30, TimeUnit.SECONDS);
        assertThat(transaction).as("transaction %d of %d within 30 s", i + 1, count).isNotNull();
        transactions.add(transaction);
      }
      return transactions;
    }

    void assertNothingMore() throws InterruptedException {
      assertThat(received.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS))
          .as("no further transaction")
          .isNull();
    }
  }
}
