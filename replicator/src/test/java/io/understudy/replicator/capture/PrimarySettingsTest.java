package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.ServerVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimarySettingsTest {

  private static final ServerVersion MARIADB = ServerVersion.parse("11.4.5-MariaDB-log");
  private static final ServerVersion MYSQL = ServerVersion.parse("8.4.3");
  private static final Set<String> ALL_NEEDED =
      Set.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR");
  private static final Set<String> ALL_NEEDED_MYSQL =
      Set.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT");
  private static final ResumeOffset HERE = new ResumeOffset("0-1-1", "mysql-bin.000001", 4);

  private static PrimarySettings mariaDb(
      boolean logBin, String format, String image, Set<String> privileges) {
    return new PrimarySettings(MARIADB, logBin, format, image, null, null, privileges, HERE);
  }

  private static PrimarySettings mySql(String gtidMode, String enforce, Set<String> privileges) {
    return new PrimarySettings(MYSQL, true, "ROW", "FULL", gtidMode, enforce, privileges, HERE);
  }

  @Test
  void rowBasedFullImageBinlogWithTheGrants_hasNoProblems() {
    assertThat(mariaDb(true, "ROW", "FULL", ALL_NEEDED).problems("p", "u")).isEmpty();
    assertThat(mySql("ON", "ON", ALL_NEEDED_MYSQL).problems("p", "u")).isEmpty();
  }

  @Test
  void binlogOff_isReportedWithTheServerOption() {
    assertThat(mariaDb(false, "ROW", "FULL", ALL_NEEDED).problems("p:1", "u"))
        .singleElement()
        .asString()
        .contains("binary log is off on p:1", "--log-bin");
  }

  @Test
  void statementFormatAndMinimalImage_areBothReported() {
    assertThat(mariaDb(true, "MIXED", "MINIMAL", ALL_NEEDED).problems("p", "u"))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("binlog_format is MIXED"))
        .anySatisfy(p -> assertThat(p).contains("binlog_row_image is MINIMAL"));
  }

  @Test
  void missingPrivileges_areNamedWithTheGrantThatFixesThem() {
    assertThat(
            mariaDb(true, "ROW", "FULL", Set.of("SELECT", "REPLICATION CLIENT"))
                .problems("p", "cap"))
        .singleElement()
        .asString()
        .contains("GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE ON *.* TO 'cap'");
  }

  @Test
  void allPrivileges_coverEverything() {
    assertThat(mariaDb(true, "ROW", "FULL", Set.of("ALL PRIVILEGES")).missingPrivileges())
        .isEmpty();
    assertThat(mySql("ON", "ON", Set.of("ALL PRIVILEGES")).missingPrivileges()).isEmpty();
  }

  @ParameterizedTest(name = "gtid_mode={0}, enforce_gtid_consistency={1}")
  @CsvSource({
    "OFF, OFF, 'gtid_mode is OFF on p', 'OFF_PERMISSIVE, then ON_PERMISSIVE, then ON'",
    "OFF, OFF, 'enforce_gtid_consistency is OFF on p', '--enforce-gtid-consistency=ON'",
    "ON_PERMISSIVE, ON, 'gtid_mode is ON_PERMISSIVE on p, capture needs ON', 'OFF_PERMISSIVE, then ON_PERMISSIVE, then ON'",
    "ON, WARN, 'enforce_gtid_consistency is WARN on p, capture needs ON', 'SET GLOBAL enforce_gtid_consistency=ON'",
  })
  void mySqlWithoutGtids_isReportedWithTheStepsToTurnThemOn(
      String gtidMode, String enforce, String problem, String fix) {
    assertThat(mySql(gtidMode, enforce, ALL_NEEDED_MYSQL).problems("p", "u"))
        .anySatisfy(p -> assertThat(p).contains(problem).contains(fix));
  }

  @Test
  void mySql_needsReplicationClientWhereMariaDbNamesBinlogMonitor() {
    assertThat(mySql("ON", "ON", ALL_NEEDED).missingPrivileges())
        .containsExactly("REPLICATION CLIENT");
    assertThat(
            mySql("ON", "ON", Set.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE"))
                .problems("p", "cap"))
        .singleElement()
        .asString()
        .contains("GRANT REPLICATION CLIENT ON *.* TO 'cap'");
  }

  @Test
  void mariaDbSettings_leaveTheMySqlGtidVariablesUnchecked() {
    assertThat(mariaDb(true, "ROW", "FULL", ALL_NEEDED).problems("p", "u")).isEmpty();
  }

  @ParameterizedTest(name = "{0} configured as {1}")
  @CsvSource({
    "8.4.3, , ",
    "8.0.0, MYSQL, ",
    "11.4.5-MariaDB, MARIADB, ",
    "11.4.5-MariaDB, , ",
    "5.7.44-log, , 'p runs MySQL 5.7.44: capturing MySQL needs 8.0 or later'",
    "5.7.44-log, MYSQL, 'p runs MySQL 5.7.44: capturing MySQL needs 8.0 or later'",
    "8.4.3, MARIADB, 'p runs MySQL 8.4.3 (8.4.3), but the capture is configured for MARIADB: configure MYSQL'",
    "11.4.5-MariaDB, MYSQL, 'p runs MariaDB 11.4.5 (11.4.5-MariaDB), but the capture is configured for MYSQL: configure MARIADB'",
  })
  void unsupported_refusesOldMySqlAndAFlavourTheServerDoesNotRun(
      String version, ServerFlavour configured, String refusal) {
    String result = PrimarySettings.unsupported(ServerVersion.parse(version), configured, "p");
    if (refusal == null) {
      assertThat(result).isNull();
    } else {
      assertThat(result).startsWith(refusal);
    }
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

  @Test
  void mySqlDynamicPrivilegeLines_areSplitOnBareCommas() {
    assertThat(
            PrimarySettings.globalPrivilegesOf(
                "GRANT CONNECTION_ADMIN,SESSION_VARIABLES_ADMIN ON *.* TO `replicator`@`%`"))
        .isEqualTo(List.of("CONNECTION_ADMIN", "SESSION_VARIABLES_ADMIN"));
  }
}
