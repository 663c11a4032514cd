package io.understudy.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterConfig;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Spring example routes as {@code docs/routing.md} says, checked through {@code @@server_id} on
 * three real nodes: node 0 the primary, nodes 1 and 2 its replicas.
 *
 * <p>Nothing replicates between the nodes yet, so each test creates the table on every node itself
 * (outside the binary log) and gives each node its own figures: every stock level is a base figure
 * times the node's own {@code @@server_id}. What a read returns thus tells which node answered, and
 * a write shows up on one node only.
 */
@ClusterTest(nodes = 3)
class SpringRoutingIT {

  private static final int PRIMARY = 1;
  private static final int BOLTS = 10; // times @@server_id on each node
  private static final int NUTS = 20; // times @@server_id on each node

  @Test
  void readOnlyTransactionsRunEveryStatementOnOneReplicaAndSpreadOverBoth(
      Cluster cluster, TestSchema schema) throws SQLException {
    try (AnnotationConfigApplicationContext context = start(cluster, schema)) {
      ServerIdProbe probe = context.getBean(ServerIdProbe.class);
      Set<Integer> replicasUsed = new HashSet<>();
      for (int call = 0; call < 6; call++) {
        List<Integer> serverIds = probe.inReadOnlyTransaction(5);
        assertThat(serverIds).as("call %d", call).hasSize(5).containsOnly(serverIds.get(0));
        assertThat(serverIds.get(0)).as("call %d", call).isIn(2, 3);
        replicasUsed.add(serverIds.get(0));
      }
      assertThat(replicasUsed).containsExactlyInAnyOrder(2, 3);
    }
  }

  @Test
  void stockReportComesWholeFromOneReplica(Cluster cluster, TestSchema schema) throws SQLException {
    try (AnnotationConfigApplicationContext context = start(cluster, schema)) {
      InventoryService inventory = context.getBean(InventoryService.class);
      Set<Long> servedBy = new HashSet<>();
      for (int call = 0; call < 4; call++) {
        StockReport report = inventory.stockReport();
        // Had its two queries gone to different nodes, the lines would not add up to the total.
        assertThat(report.products().stream().mapToLong(Product::stock).sum())
            .as("call %d", call)
            .isEqualTo(report.totalUnits());
        assertThat(report.totalUnits() % (BOLTS + NUTS)).isZero();
        servedBy.add(report.totalUnits() / (BOLTS + NUTS));
      }
      assertThat(servedBy).as("@@server_id behind each report").containsExactlyInAnyOrder(2L, 3L);
    }
  }

  @Test
  void writeTransactionRunsOnThePrimaryAndWritesThereOnly(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (AnnotationConfigApplicationContext context = start(cluster, schema)) {
      assertThat(context.getBean(ServerIdProbe.class).inReadWriteTransaction(5))
          .containsOnly(PRIMARY);

      context.getBean(InventoryService.class).addProduct(new Product("washer-m8", "Washer", 500));

      assertThat(stockOnEachServer(cluster, schema, "washer-m8"))
          .isEqualTo(Map.of(1, Optional.of(500), 2, Optional.empty(), 3, Optional.empty()));
    }
  }

  @Test
  void jdbcTemplateOutsideATransactionReadsFromReplicasAndWritesToThePrimary(
      Cluster cluster, TestSchema schema) throws SQLException {
    try (AnnotationConfigApplicationContext context = start(cluster, schema)) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      List<Integer> readers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        readers.add(jdbc.queryForObject("SELECT @@server_id", Integer.class));
      }
      assertThat(readers).containsOnly(2, 3);

      assertThat(jdbc.update("UPDATE product SET stock = stock + 1 WHERE sku = ?", "bolt-m8"))
          .isEqualTo(1);

      assertThat(stockOnEachServer(cluster, schema, "bolt-m8"))
          .isEqualTo(
              Map.of(
                  1, Optional.of(BOLTS + 1),
                  2, Optional.of(BOLTS * 2),
                  3, Optional.of(BOLTS * 3)));
    }
  }

  @Test
  void readWriteTransactionReadsItsOwnWriteOnThePrimary(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (AnnotationConfigApplicationContext context = start(cluster, schema)) {
      InventoryService inventory = context.getBean(InventoryService.class);

      // Read on a replica, the stock left would be NUTS * 2 or NUTS * 3, untouched.
      assertThat(inventory.ship("nut-m8", 5)).isEqualTo(NUTS * PRIMARY - 5);
      assertThatThrownBy(() -> inventory.ship("nut-m8", 1_000))
          .isInstanceOf(OutOfStockException.class);

      assertThat(stockOnEachServer(cluster, schema, "nut-m8"))
          .isEqualTo(
              Map.of(
                  1, Optional.of(NUTS - 5),
                  2, Optional.of(NUTS * 2),
                  3, Optional.of(NUTS * 3)));
    }
  }

  @Test
  void closingTheContextClosesTheDataSourceWithNoConnectionLeftInUse(
      Cluster cluster, TestSchema schema) throws SQLException {
    AnnotationConfigApplicationContext context = start(cluster, schema);
    ReplicatedDataSource dataSource = context.getBean(ReplicatedDataSource.class);
    try {
      InventoryService inventory = context.getBean(InventoryService.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      for (int round = 0; round < 5; round++) {
        inventory.products();
        inventory.product("bolt-m8");
        inventory.stockReport();
        inventory.addProduct(new Product("spring-" + round, "Spring", 7));
        inventory.ship("spring-" + round, 2);
        assertThatThrownBy(() -> inventory.ship("bolt-m8", 1_000))
            .isInstanceOf(OutOfStockException.class);
        jdbc.queryForList("SELECT sku FROM product");
        jdbc.update("UPDATE product SET stock = stock + 1 WHERE sku = ?", "nut-m8");
      }

      assertThat(dataSource.stats().nodes())
          .hasSize(3)
          .allSatisfy(node -> assertThat(node.activeConnections()).isZero());
    } finally {
      context.close();
    }

    assertThat(dataSource.isClosed()).isTrue();
    assertThatThrownBy(dataSource::getConnection)
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08003");
  }

  /** The example's configuration over this cluster, plus the probe below. */
  private static AnnotationConfigApplicationContext start(Cluster cluster, TestSchema schema)
      throws SQLException {
    createInventoryOnEveryNode(cluster, schema);
    RouterConfig.Builder config =
        RouterConfig.builder()
            .primaryUrl(cluster.node(0).jdbcUrl(schema.name()))
            .username(cluster.users().app().user())
            .password(cluster.users().app().password());
    for (ClusterNode replica : cluster.nodes().subList(1, cluster.size())) {
      config.replica(replica.jdbcUrl(schema.name()), 1);
    }
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(RouterConfig.class, config::build);
    context.register(RouterSpringConfig.class, ServerIdProbe.class);
    context.refresh();
    return context;
  }

  /** What replication would have done: the same table on every node, with the node's figures. */
  private static void createInventoryOnEveryNode(Cluster cluster, TestSchema schema)
      throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      try (Connection connection = node.connect(cluster.users().admin());
          Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
        statement.execute("USE " + schema.name());
        statement.execute(
            "CREATE TABLE product (sku VARCHAR(32) PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                + " stock INT NOT NULL)");
        statement.execute(
            "INSERT INTO product (sku, name, stock) VALUES"
                + " ('bolt-m8', 'Hex bolt M8', "
                + BOLTS
                + " * @@server_id),"
                + " ('nut-m8', 'Hex nut M8', "
                + NUTS
                + " * @@server_id)");
      }
    }
  }

  /** Each node's {@code @@server_id} and its stock of {@code sku}, read on the node directly. */
  private static Map<Integer, Optional<Integer>> stockOnEachServer(
      Cluster cluster, TestSchema schema, String sku) throws SQLException {
    Map<Integer, Optional<Integer>> stock = new HashMap<>();
    for (ClusterNode node : cluster.nodes()) {
      try (Connection connection = node.connect(cluster.users().admin());
          PreparedStatement query =
              connection.prepareStatement(
                  "SELECT @@server_id, (SELECT stock FROM "
                      + schema.name()
                      + ".product WHERE sku = ?)")) {
        query.setString(1, sku);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          int serverId = row.getInt(1);
          int units = row.getInt(2);
          stock.put(serverId, row.wasNull() ? Optional.empty() : Optional.of(units));
        }
      }
    }
    return stock;
  }

  /** Runs {@code SELECT @@server_id} in transactions, the way a service runs its queries. */
  static class ServerIdProbe {

    private final JdbcTemplate jdbc;

    ServerIdProbe(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Integer> inReadOnlyTransaction(int statements) {
      return serverIds(statements);
    }

    @Transactional
    public List<Integer> inReadWriteTransaction(int statements) {
      return serverIds(statements);
    }

    private List<Integer> serverIds(int statements) {
      List<Integer> serverIds = new ArrayList<>();
      for (int i = 0; i < statements; i++) {
        serverIds.add(jdbc.queryForObject("SELECT @@server_id", Integer.class));
      }
      return serverIds;
    }
  }
}
