package io.understudy.replicator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import io.understudy.testkit.junit.ClusterTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 2)
class UnderstudySchemaIT {

  @Test
  void migrate_createsTheTablesOnEveryNode_idempotently_outsideTheBinlog(Cluster cluster)
      throws Exception {
    Credentials admin = cluster.users().admin();
    for (ClusterNode node : cluster.nodes()) {
      String binlogBefore = query(node, admin, "SELECT @@gtid_binlog_pos").get(0);

      UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());
      int secondRun = UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());

      assertThat(secondRun).as("migrations run again on %s", node.name()).isZero();
      assertThat(
              query(
                  node,
                  admin,
                  "SELECT TABLE_NAME FROM information_schema.TABLES"
                      + " WHERE TABLE_SCHEMA = 'understudy' ORDER BY TABLE_NAME"))
          .contains(
              "applied_position",
              "bootstrap_in_progress",
              "flyway_schema_history",
              "heartbeat",
              "topology",
              "topology_member");
      assertThat(query(node, admin, "SELECT @@gtid_binlog_pos"))
          .as("binlog position of %s", node.name())
          .containsExactly(binlogBefore);
    }
  }

  @Test
  void heartbeat_isExactlyAsRoutingDefinesIt(Cluster cluster) throws Exception {
    Credentials admin = cluster.users().admin();
    ClusterNode node = cluster.node(1);
    UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());

    assertThat(
            query(
                node,
                admin,
                "SELECT CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE, ' ', COLUMN_KEY)"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'understudy'"
                    + " AND TABLE_NAME = 'heartbeat' ORDER BY ORDINAL_POSITION"))
        .containsExactly("id int(11) NO PRI", "ts datetime(3) NO ");
  }

  @Test
  void appliedPosition_holdsAStreamsPositionAndTimes(Cluster cluster) throws Exception {
    Credentials admin = cluster.users().admin();
    ClusterNode node = cluster.node(1);
    UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());

    assertThat(
            query(
                node,
                admin,
                "SELECT CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE) FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'understudy' AND TABLE_NAME = 'applied_position'"
                    + " ORDER BY ORDINAL_POSITION"))
        .containsExactly(
            "stream varchar(64)",
            "gtid varchar(64)",
            "binlog_file varchar(255)",
            "binlog_position bigint(20)",
            "source_commit_time datetime(6)",
            "applied_at datetime(6)");
  }

  /** The contract between the failover monitor and routers, exactly as docs/failover.md has it. */
  @Test
  void topologyTables_holdEpochsAndTheirMembers(Cluster cluster) throws Exception {
    Credentials admin = cluster.users().admin();
    ClusterNode node = cluster.node(1);
    UnderstudySchema.migrate(node.jdbcUrl(), admin.user(), admin.password());

    assertThat(columns(node, admin, "topology"))
        .containsExactly(
            "epoch bigint(20) unsigned NO PRI",
            "primary_node varchar(64) NO ",
            "written_at datetime(6) NO ",
            "written_by varchar(255) NO ",
            "reason varchar(1024) NO ");
    assertThat(columns(node, admin, "topology_member"))
        .containsExactly(
            "epoch bigint(20) unsigned NO PRI",
            "node varchar(64) NO PRI",
            "host varchar(255) NO ",
            "port int(11) NO ",
            "role enum('primary','replica','fenced') NO ");
    assertThat(
            query(
                node,
                admin,
                "SELECT CONCAT(TABLE_NAME, ' ', ENGINE, ' ', TABLE_COLLATION)"
                    + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'understudy'"
                    + " AND TABLE_NAME LIKE 'topology%' ORDER BY TABLE_NAME"))
        .hasSize(2)
        .allSatisfy(table -> assertThat(table).contains(" InnoDB utf8mb4"));
  }

  private static List<String> columns(ClusterNode node, Credentials credentials, String table)
      throws SQLException {
    return query(
        node,
        credentials,
        "SELECT CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE, ' ', COLUMN_KEY)"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'understudy'"
            + " AND TABLE_NAME = '"
            + table
            + "' ORDER BY ORDINAL_POSITION");
  }

  /**
   * The replicator's own user can migrate: it holds BINLOG ADMIN for sql_log_bin (docs/testkit.md).
   */
  @Test
  void replicatorUser_migratesWithItsOwnGrants(Cluster cluster) throws Exception {
    Credentials replicator = cluster.users().replicator();
    ClusterNode node = cluster.node(1);
    String binlogBefore = query(node, replicator, "SELECT @@gtid_binlog_pos").get(0);

    UnderstudySchema.migrate(node.jdbcUrl(), replicator.user(), replicator.password());

    assertThat(query(node, replicator, "SELECT @@gtid_binlog_pos")).containsExactly(binlogBefore);
  }

  private static List<String> query(ClusterNode node, Credentials credentials, String sql)
      throws SQLException {
    try (Connection connection = node.connect(credentials);
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
