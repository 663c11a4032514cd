package io.understudy.replicator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerVersionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "11.4.5-MariaDB-log, MARIADB, 11, 4, 5",
    "10.6.21-MariaDB-ubu2004, MARIADB, 10, 6, 21",
    "5.5.5-10.11.6-MariaDB, MARIADB, 10, 11, 6",
    "8.4.3, MYSQL, 8, 4, 3",
    "8.0.36-0ubuntu0.22.04.1, MYSQL, 8, 0, 36",
    "8.0.35-27, MYSQL, 8, 0, 35", // Percona Server
    "5.7.44-log, MYSQL, 5, 7, 44",
    "9.1, MYSQL, 9, 1, 0",
  })
  void parsesFlavourAndNumbers(
      String text, ServerFlavour flavour, int major, int minor, int patch) {
    ServerVersion version = ServerVersion.parse(text);
    assertThat(version.flavour()).isEqualTo(flavour);
    assertThat(version)
        .extracting(ServerVersion::major, ServerVersion::minor, ServerVersion::patch)
        .containsExactly(major, minor, patch);
    assertThat(version.text()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} >= {1}.{2}.{3}: {4}")
  @CsvSource({
    "8.0.19, 8, 0, 19, true",
    "8.0.18, 8, 0, 19, false",
    "8.4.0, 8, 2, 0, true",
    "8.1.9, 8, 2, 0, false",
    "9.0.0, 8, 2, 0, true",
    "5.7.44, 8, 0, 0, false",
  })
  void isAtLeast_comparesNumerically(
      String text, int major, int minor, int patch, boolean atLeast) {
    assertThat(ServerVersion.parse(text).isAtLeast(major, minor, patch)).isEqualTo(atLeast);
  }

  @Test
  void unreadableVersion_isRefusedByName() {
    assertThatThrownBy(() -> ServerVersion.parse("unknown"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'unknown'");
  }

  @Test
  void toString_namesFlavourAndVersion() {
    assertThat(ServerVersion.parse("11.4.5-MariaDB-log")).hasToString("MariaDB 11.4.5");
    assertThat(ServerVersion.parse("8.4.3")).hasToString("MySQL 8.4.3");
  }
}
