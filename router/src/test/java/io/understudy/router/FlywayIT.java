package io.understudy.router;

import static io.understudy.router.RouterFixture.queryInt;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** Flyway, given the router as its data source, migrates the primary and only the primary. */
@ClusterTest(nodes = 3)
class FlywayIT {

  @Test
  void flywayMigratesThroughTheRouterOnThePrimary(Cluster cluster, TestSchema schema)
      throws SQLException {
    try (ReplicatedDataSource dataSource = RouterFixture.dataSource(cluster, schema)) {
      Flyway flyway =
          Flyway.configure().dataSource(dataSource).locations("classpath:db/flyway-it").load();
      MigrateResult result = flyway.migrate();
      assertThat(result.migrationsExecuted).isEqualTo(2);
      // Run again: Flyway must read its history from the primary and find nothing to do.
      assertThat(flyway.migrate().migrationsExecuted).isZero();
    }
    String table = schema.name() + ".customer";
    try (Connection primary = cluster.node(0).connect(cluster.users().app())) {
      assertThat(queryInt(primary, "SELECT COUNT(*) FROM " + table + " WHERE email IS NOT NULL"))
          .isEqualTo(1);
    }
    for (int replica = 1; replica < cluster.size(); replica++) {
      try (Connection connection = cluster.node(replica).connect(cluster.users().app())) {
        assertThat(
                queryInt(
                    connection,
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                        + schema.name()
                        + "'"))
            .as("nothing was written on replica %d", replica)
            .isZero();
      }
    }
  }
}
