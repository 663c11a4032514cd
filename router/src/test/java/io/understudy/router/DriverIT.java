package io.understudy.router;

import static io.understudy.router.RouterFixture.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tools that take only a JDBC URL get the router through jdbc:understudy://. */
@ClusterTest(nodes = 3)
class DriverIT {

  @Test
  void driverManagerFindsTheRouterByUrl(Cluster cluster, TestSchema schema) throws SQLException {
    String hosts =
        cluster.nodes().stream()
            .map(node -> node.host() + ":" + node.port())
            .collect(Collectors.joining(","));
    String url =
        "jdbc:understudy://"
            + hosts
            + "/"
            + schema.name()
            + "?user="
            + cluster.users().app().user()
            + "&password="
            + cluster.users().app().password()
            + "&understudy.name=driver-it&connectTimeout=5000";
    Set<Integer> servers = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      RouterFixture.execute(connection, "CREATE TABLE t (id INT)");
      for (int i = 0; i < 6; i++) {
        servers.add(serverId(connection));
      }
      assertThat(connection.getCatalog()).isEqualTo(schema.name());
    }
    assertThat(servers).containsOnly(2, 3);
    try (Connection primary = cluster.node(0).connect(cluster.users().app())) {
      assertThat(
              RouterFixture.queryInt(
                  primary,
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                      + schema.name()
                      + "'"))
          .isEqualTo(1);
    }
  }

  @Test
  void badUrlSaysWhatIsWrongWithoutThePassword(Cluster cluster) {
    ClusterNode node = cluster.node(0);
    String url =
        "jdbc:understudy://"
            + node.host()
            + ":"
            + node.port()
            + "/app_x?password=hunter2&understudy.balancing=random";
    assertThatThrownBy(() -> DriverManager.getConnection(url))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("understudy.balancing")
        .hasMessageContaining("understudy.username")
        .hasMessageNotContaining("hunter2");
  }
}
