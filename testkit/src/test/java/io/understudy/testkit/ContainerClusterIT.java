package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The container path with both images. Skipped, with the reason in the report, where no Docker
 * engine is reachable.
 */
class ContainerClusterIT {

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void containerNodesBehaveLikeEmbeddedOnes(Flavour flavour) throws SQLException {
    assumeThat(ContainerCluster.dockerAvailable())
        .as(
            "No Docker engine is reachable: ContainerCluster (%s) is not tested here",
            flavour.image())
        .isTrue();
    ClusterOptions options =
        new ClusterOptions(
            2, ClusterOptions.Kind.CONTAINERS, flavour, Path.of("target", "containers"), false);
    try (Cluster cluster = Clusters.start(options)) {
      ClusterNode primary = cluster.node(0);
      ClusterNode replica = cluster.node(1);
      assertThat(Sql.queryString(primary, cluster.users().app(), "SELECT @@read_only"))
          .isEqualTo("0");
      assertThat(Sql.queryString(replica, cluster.users().app(), "SELECT @@read_only"))
          .isEqualTo("1");
      assertThat(Sql.queryString(replica, cluster.users().app(), "SELECT @@server_id"))
          .isEqualTo("2");

      Sql.execute(
          primary,
          cluster.users().app(),
          "CREATE DATABASE app_containers",
          "CREATE TABLE app_containers.t (id INT PRIMARY KEY)",
          "INSERT INTO app_containers.t VALUES (1)");
      primary.kill();
      assertThat(primary.isAlive()).isFalse();
      primary.restart();
      assertThat(Sql.queryString(primary, cluster.users().app(), "SELECT id FROM app_containers.t"))
          .isEqualTo("1");

      replica.pause();
      assertThat(replica.isPaused()).isTrue();
      replica.resume();
      assertThat(Sql.queryString(replica, cluster.users().app(), "SELECT 1")).isEqualTo("1");
    }
  }
}
