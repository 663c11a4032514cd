package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Container nodes get the settings that let any node become primary, in each flavour's words. */
class ServerArgumentsTest {

  @Test
  void mariadbNodesUseStrictGtidsAndRowImages() {
    List<String> args = ContainerNode.serverArguments(Flavour.MARIADB, 2, true);
    assertThat(args)
        .contains(
            "--server-id=2",
            "--log-bin=mysql-bin",
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--gtid-strict-mode=ON",
            "--read-only=ON");
    assertThat(args).noneMatch(a -> a.startsWith("--gtid-mode"));
  }

  @Test
  void mysqlNodesUseGtidModeAndNoMariadbOnlyOptions() {
    List<String> args = ContainerNode.serverArguments(Flavour.MYSQL, 1, false);
    assertThat(args)
        .contains(
            "--server-id=1",
            "--gtid-mode=ON",
            "--enforce-gtid-consistency=ON",
            "--log-replica-updates=ON",
            "--read-only=OFF");
    assertThat(args).noneMatch(a -> a.startsWith("--gtid-strict-mode"));
    assertThat(args).noneMatch(a -> a.startsWith("--binlog-format"));
  }

  @Test
  void initScriptsCreateUsersOutsideTheBinlogAndEndWithAnEmptyGtidHistory() {
    assertThat(ContainerNode.initScript(Flavour.MARIADB))
        .startsWith("SET SESSION sql_log_bin = 0;")
        .contains("CREATE USER 'app'@'%'")
        .endsWith("RESET MASTER;\n");
    assertThat(ContainerNode.initScript(Flavour.MYSQL))
        .contains("CONNECTION_ADMIN")
        .endsWith("RESET BINARY LOGS AND GTIDS;\n");
  }
}
