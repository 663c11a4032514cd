package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The least-privilege users of docs/testkit.md do what they must and nothing more. */
@ClusterTest(nodes = 2)
class ClusterGrantsIT {

  @Test
  void appUserWritesOnThePrimaryButNotOnAReadOnlyReplica(Cluster cluster, TestSchema schema)
      throws SQLException {
    Credentials app = cluster.users().app();
    String table = schema.name() + ".t";
    Sql.execute(
        cluster.node(0),
        app,
        "CREATE TABLE " + table + " (id INT PRIMARY KEY)",
        "INSERT INTO " + table + " VALUES (1)");
    assertThatThrownBy(
            () -> Sql.execute(cluster.node(1), app, "CREATE TABLE " + table + " (id INT)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("read-only");
  }

  @Test
  void appUserCreatesItsOwnAppSchemas(Cluster cluster) throws SQLException {
    Credentials app = cluster.users().app();
    Sql.execute(
        cluster.node(0),
        app,
        "CREATE DATABASE app_created_by_app",
        "DROP DATABASE app_created_by_app");
  }

  @Test
  void appUserCannotChangeServerSettingsUsersOrSystemTables(Cluster cluster) {
    Credentials app = cluster.users().app();
    assertThatThrownBy(() -> Sql.execute(cluster.node(0), app, "SET GLOBAL read_only = ON"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("privilege");
    assertThatThrownBy(() -> Sql.execute(cluster.node(0), app, "SHOW BINLOG EVENTS"))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> Sql.execute(cluster.node(0), app, "CREATE USER intruder"))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(
            () ->
                Sql.execute(
                    cluster.node(0), app, "UPDATE mysql.global_priv SET Priv = '{}' WHERE 1 = 0"))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> Sql.execute(cluster.node(0), app, "CREATE DATABASE not_an_app_schema"))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void replicatorWritesOnReadOnlyReplicaAndReadsTheBinlog(Cluster cluster, TestSchema schema)
      throws SQLException {
    Credentials replicator = cluster.users().replicator();
    Sql.execute(
        cluster.node(1),
        replicator,
        "CREATE TABLE " + schema.name() + ".applied (id INT PRIMARY KEY)",
        "INSERT INTO " + schema.name() + ".applied VALUES (1)");
    assertThat(
            Sql.queryString(
                cluster.node(1), replicator, "SELECT COUNT(*) FROM " + schema.name() + ".applied"))
        .isEqualTo("1");
    Sql.execute(cluster.node(0), replicator, "SHOW BINARY LOGS", "SHOW MASTER STATUS");
    // MariaDB's READ_ONLY ADMIN also allows flipping read_only (docs/testkit.md); nothing more.
    assertThatThrownBy(
            () -> Sql.execute(cluster.node(0), replicator, "SET GLOBAL max_connections = 10"))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void monitorReadsStatusAndFlipsReadOnlyButCannotWriteData(Cluster cluster, TestSchema schema)
      throws SQLException {
    Credentials monitor = cluster.users().monitor();
    ClusterNode replica = cluster.node(1);
    Sql.execute(replica, monitor, "SHOW MASTER STATUS", "SHOW SLAVE STATUS", "SHOW PROCESSLIST");
    try {
      Sql.execute(replica, monitor, "SET GLOBAL read_only = OFF");
      assertThat(Sql.queryString(replica, monitor, "SELECT @@read_only")).isEqualTo("0");
    } finally {
      Sql.execute(replica, monitor, "SET GLOBAL read_only = ON");
    }
    assertThatThrownBy(
            () ->
                Sql.execute(
                    cluster.node(0), monitor, "CREATE TABLE " + schema.name() + ".t (id INT)"))
        .isInstanceOf(SQLException.class);
  }
}
