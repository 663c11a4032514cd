package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.SourcePosition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimarySettingsTest {

  private static final Set<String> ALL_NEEDED =
      Set.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR");
  private static final SourcePosition HERE = new SourcePosition("0-1-1", "mysql-bin.000001", 4);

  @Test
  void rowBasedFullImageBinlogWithTheGrants_hasNoProblems() {
    assertThat(new PrimarySettings(true, "ROW", "FULL", ALL_NEEDED, HERE).problems("p", "u"))
        .isEmpty();
  }

  @Test
  void binlogOff_isReportedWithTheServerOption() {
    assertThat(new PrimarySettings(false, "ROW", "FULL", ALL_NEEDED, HERE).problems("p:1", "u"))
        .singleElement()
        .asString()
        .contains("binary log is off on p:1", "--log-bin");
  }

  @Test
  void statementFormatAndMinimalImage_areBothReported() {
    assertThat(new PrimarySettings(true, "MIXED", "MINIMAL", ALL_NEEDED, HERE).problems("p", "u"))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("binlog_format is MIXED"))
        .anySatisfy(p -> assertThat(p).contains("binlog_row_image is MINIMAL"));
  }

  @Test
  void missingPrivileges_areNamedWithTheGrantThatFixesThem() {
    assertThat(
            new PrimarySettings(true, "ROW", "FULL", Set.of("SELECT", "REPLICATION CLIENT"), HERE)
                .problems("p", "cap"))
        .singleElement()
        .asString()
        .contains("GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE ON *.* TO 'cap'");
  }

  @Test
  void allPrivileges_coverEverything() {
    assertThat(
            new PrimarySettings(true, "ROW", "FULL", Set.of("ALL PRIVILEGES"), HERE)
                .missingPrivileges())
        .isEmpty();
  }

  @Test
  void grantLines_yieldOnlyGlobalPrivileges() {
    assertThat(
            PrimarySettings.globalPrivilegesOf(
                "GRANT SELECT, RELOAD, BINLOG MONITOR ON *.* TO `replicator`@`%` IDENTIFIED BY"
                    + " PASSWORD '*X'"))
        .isEqualTo(List.of("SELECT", "RELOAD", "BINLOG MONITOR"));
    assertThat(PrimarySettings.globalPrivilegesOf("GRANT ALL PRIVILEGES ON `app\\_%`.* TO `a`@`%`"))
        .isEmpty();
  }
}
