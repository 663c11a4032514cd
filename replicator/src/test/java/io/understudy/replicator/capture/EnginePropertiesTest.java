package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.ServerFlavour;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnginePropertiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "MARIADB, io.debezium.connector.mariadb.MariaDbConnector, 0-1-42",
    "MYSQL, io.debezium.connector.mysql.MySqlConnector, aaaaaaaa-0000-0000-0000-000000000001:1-42",
  })
  void eachFlavourGetsItsConnectorAndTheSeedItResumesFrom(
      ServerFlavour flavour, String connector, String gtids) {
    Properties p =
        EngineProperties.of(
            CaptureConfig.of("db", 3306, "u", "pw", 5400),
            flavour,
            "understudy-capture-5400",
            new ResumeOffset(gtids, "binlog.000001", 157));

    assertThat(p.getProperty("connector.class")).isEqualTo(connector);
    assertThat(p.getProperty(SeededOffsetStore.SEED_GTIDS)).isEqualTo(gtids);
    assertThat(p.getProperty(SeededOffsetStore.SEED_FILE)).isEqualTo("binlog.000001");
    assertThat(p.getProperty(SeededOffsetStore.SEED_POSITION)).isEqualTo("157");
    assertThat(p.getProperty("snapshot.mode")).isEqualTo("recovery");
  }
}
