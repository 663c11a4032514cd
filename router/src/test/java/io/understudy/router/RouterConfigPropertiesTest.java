package io.understudy.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterConfigPropertiesTest {
  private static final String EXPECTED = "; expected " + JdbcUrl.FORM;

  /** The two required keys, then {@code keysAndValues} in pairs. */
  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    properties.setProperty("understudy.primary.url", "jdbc:mysql://db1/shop");
    properties.setProperty("understudy.username", "app");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  private static RouterConfig read(String... keysAndValues) {
    return RouterConfig.fromProperties(properties(keysAndValues));
  }

  private static List<String> problemsOf(Properties properties) {
    try {
      RouterConfig.fromProperties(properties);
    } catch (RouterConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a RouterConfigException");
  }

  private static List<String> problemsOf(String... keysAndValues) {
    return problemsOf(properties(keysAndValues));
  }

  @Test
  void everyKey_isRead() {
    RouterConfig config =
        read(
            "understudy.name", "shop",
            "understudy.replicas", "jdbc:mysql://db2/shop,jdbc:mariadb://db3:3307/shop",
            "understudy.replica.1.weight", "3",
            "understudy.password", "hunter2",
            "understudy.connection.sslMode", "REQUIRED",
            "understudy.balancing", "weighted-round-robin",
            "understudy.fallbackToPrimary", "false",
            "understudy.maxReplicaLag", "2s",
            "understudy.healthCheckInterval", "250ms",
            "understudy.readmitAfterSuccesses", "4",
            "understudy.readRetry", "false",
            "understudy.pool.maximumPoolSize", "20",
            "understudy.pool.minimumIdle", "2",
            "understudy.pool.connectionTimeout", "3s",
            "understudy.pool.validationTimeout", "1s",
            "understudy.pool.idleTimeout", "1m",
            "understudy.pool.maxLifetime", "1h",
            "understudy.pool.leakDetectionThreshold", "30s");

    assertThat(config.name()).isEqualTo("shop");
    assertThat(config.primaryUrl()).isEqualTo("jdbc:mysql://db1/shop");
    assertThat(config.replicas())
        .containsExactly(
            new ReplicaConfig("jdbc:mysql://db2/shop", 1),
            new ReplicaConfig("jdbc:mariadb://db3:3307/shop", 3));
    assertThat(config.username()).isEqualTo("app");
    assertThat(config.password().reveal()).isEqualTo("hunter2");
    assertThat(config.connectionProperties()).containsExactly(Map.entry("sslMode", "REQUIRED"));
    assertThat(config.balancing()).isEqualTo(Balancing.WEIGHTED_ROUND_ROBIN);
    assertThat(config.fallbackToPrimary()).isFalse();
    assertThat(config.maxReplicaLag()).contains(Duration.ofSeconds(2));
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.readmitAfterSuccesses()).isEqualTo(4);
    assertThat(config.readRetry()).isFalse();
    PoolSettings expected =
        new PoolSettings(
            20,
            2,
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofSeconds(30));
    assertThat(config.primaryPool()).isEqualTo(expected);
    assertThat(config.replicaPool()).isEqualTo(expected);
  }

  @Test
  void aSidesOwnPoolKey_winsOverTheSharedOne() {
    RouterConfig config =
        read(
            "understudy.replica.pool.maximumPoolSize", "40",
            "understudy.pool.maximumPoolSize", "20",
            "understudy.primary.pool.maximumPoolSize", "5",
            "understudy.pool.connectionTimeout", "3s");

    assertThat(config.primaryPool().maximumPoolSize()).isEqualTo(5);
    assertThat(config.primaryPool().minimumIdle()).isEqualTo(5);
    assertThat(config.replicaPool().maximumPoolSize()).isEqualTo(40);
    assertThat(config.replicaPool().minimumIdle()).isEqualTo(40);
    assertThat(config.primaryPool().connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.replicaPool().connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void connectionProperties_passThroughAsWritten() {
    RouterConfig config =
        read(
            "understudy.connection.sslMode", "VERIFY_IDENTITY",
            "understudy.connection.connectTimeout", "3000",
            "understudy.connection.sessionVariables", " sql_mode='STRICT_ALL_TABLES' ");

    assertThat(config.connectionProperties())
        .containsOnly(
            Map.entry("sslMode", "VERIFY_IDENTITY"),
            Map.entry("connectTimeout", "3000"),
            Map.entry("sessionVariables", " sql_mode='STRICT_ALL_TABLES' "));
  }

  @Test
  void keysOutsideUnderstudy_areIgnored() {
    RouterConfig config =
        read("spring.datasource.url", "jdbc:h2:mem:x", "understudyx.name", "x", "name", "x");

    assertThat(config.name()).startsWith("understudy-");
  }

  @Test
  void defaultsOfTheProperties_areRead() {
    Properties properties = new Properties(properties());
    properties.setProperty("understudy.name", "shop");

    assertThat(RouterConfig.fromProperties(properties).primaryUrl())
        .isEqualTo("jdbc:mysql://db1/shop");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "understudy.healthCheckIntervall, understudy.healthCheckInterval",
    "understudy.HealthCheckInterval,  understudy.healthCheckInterval",
    "understudy.pool.maxLifeTime,     understudy.pool.maxLifetime",
    "understudy.primary.pool.maxLifeTime, understudy.primary.pool.maxLifetime",
    "understudy.replica.pool.minIdle, ",
    "understudy.replicaUrls,          ",
  })
  void anUnknownKey_isAProblemThatSuggestsTheClosestKey(String unknown, String suggestion) {
    String hint =
        suggestion == null
            ? "the keys are listed in docs/configuration.md"
            : "did you mean " + suggestion + "?";

    assertThat(problemsOf(unknown, "1s"))
        .containsExactly(unknown + ": is not a known key; " + hint);
  }

  @Test
  void anUnknownKey_doesNotShowItsValue() {
    assertThat(problemsOf("understudy.pasword", "hunter2"))
        .containsExactly(
            "understudy.pasword: is not a known key; did you mean understudy.password?");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, 0",
    "0ms, 0",
    "500ms, 500",
    "3s, 3000",
    "2m, 120000",
    "1h, 3600000",
    "' 3S ', 3000"
  })
  void durations_areAWholeNumberAndAUnit(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void aDurationWithoutUnit_isAProblem() {
    assertThat(problemsOf("understudy.healthCheckInterval", "500"))
        .containsExactly(
            "understudy.healthCheckInterval=500: durations need a unit: ms, s, m, h"
                + " (like 500ms or 3s)");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5s   | must be " + Durations.FORM,
        "-1s    | must be " + Durations.FORM,
        "''     | must be " + Durations.FORM,
        "3 s    | must be " + Durations.FORM,
        "3d     | unknown unit 'd'; must be " + Durations.FORM,
        "3sec   | unknown unit 'sec'; must be " + Durations.FORM,
        "99999999999999999999s | is too large; must be " + Durations.FORM,
        "9999999999999999h | is too large; must be " + Durations.FORM,
      })
  void anUnreadableDuration_isAProblem(String text, String rule) {
    assertThat(problemsOf("understudy.pool.idleTimeout", text))
        .containsExactly("understudy.pool.idleTimeout=" + text + ": " + rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"true, true", "TRUE, true", "' True ', true", "false, false", "False, false"})
  void booleans_ignoreCaseAndBlanks(String text, boolean expected) {
    assertThat(read("understudy.readRetry", text).readRetry()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"yes", "1", "on", ""})
  void anythingButTrueOrFalse_isAProblem(String text) {
    assertThat(problemsOf("understudy.readRetry", text))
        .containsExactly("understudy.readRetry=" + text + ": must be true or false");
  }

  @Test
  void aNonNumber_isAProblem() {
    assertThat(problemsOf("understudy.readmitAfterSuccesses", "two"))
        .containsExactly("understudy.readmitAfterSuccesses=two: must be a whole number");
  }

  @Test
  void anUnknownBalancing_listsTheKnownOnes() {
    assertThat(problemsOf("understudy.balancing", "random"))
        .containsExactly(
            "understudy.balancing=random: must be one of round-robin, weighted-round-robin,"
                + " least-outstanding");
  }

  @Test
  void writeConcernAndConsistency_areRead_withTheirTimeouts() {
    RouterConfig config =
        read(
            "understudy.writeConcern", "Replicated",
            "understudy.replicationTimeout", "750ms",
            "understudy.consistency", "read-your-writes",
            "understudy.causalReadTimeout", "0");

    assertThat(config.writeConcern()).isEqualTo(WriteConcern.REPLICATED);
    assertThat(config.replicationTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.consistency()).isEqualTo(Consistency.READ_YOUR_WRITES);
    assertThat(config.causalReadTimeout()).isZero();
  }

  @Test
  void unknownGuarantees_andAZeroReplicationTimeout_areProblems() {
    assertThat(
            problemsOf(
                "understudy.writeConcern", "majority",
                "understudy.consistency", "strong",
                "understudy.replicationTimeout", "0"))
        .containsExactly(
            "understudy.consistency=strong: must be one of eventual, read-your-writes",
            "understudy.writeConcern=majority: must be one of async, replicated",
            "understudy.replicationTimeout=0: must be more than 0; use writeConcern async not to"
                + " wait");
  }

  @Test
  void replicas_areSplitAtCommasBeforeJdbc_soCommasInsideAUrlStay() {
    RouterConfig config =
        read(
            "understudy.replicas",
            " jdbc:mysql://db2/shop?enabledTLSProtocols=TLSv1.2,TLSv1.3 ,\n jdbc:mysql://db3/shop");

    assertThat(config.replicas())
        .extracting(ReplicaConfig::url)
        .containsExactly(
            "jdbc:mysql://db2/shop?enabledTLSProtocols=TLSv1.2,TLSv1.3", "jdbc:mysql://db3/shop");
  }

  @Test
  void anEmptyReplicaList_meansNoReplicas() {
    assertThat(read("understudy.replicas", " ").replicas()).isEmpty();
  }

  @Test
  void weights_needAReplicaAtTheirIndex() {
    assertThat(
            problemsOf(
                "understudy.replicas", "jdbc:mysql://db2/shop",
                "understudy.replica.0.weight", "-1",
                "understudy.replica.3.weight", "2",
                "understudy.replica.first.weight", "2"))
        .containsExactly(
            "understudy.replica.first.weight: is not a known key: <index> must be a number,"
                + " counting from 0 in understudy.replicas",
            "understudy.replica.3.weight=2: understudy.replicas has no entry 3"
                + " (it lists 1, counting from 0)",
            "understudy.replica.0.weight=-1: must be 0 (drained) or more");
  }

  @Test
  void brokenRules_nameTheKeysAsWritten() {
    Properties properties =
        properties(
            "understudy.replicas", "jdbc:mysql://db2/shop, jdbc:mysql://DB1:3306",
            "understudy.pool.maximumPoolSize", "0",
            "understudy.replica.pool.minimumIdle", "-1",
            "understudy.pool.connectionTimeout", "1s",
            "understudy.connection.user", "root",
            "understudy.healthCheckInterval", "10ms");
    properties.remove("understudy.username");

    assertThat(problemsOf(properties))
        .containsExactly(
            "understudy.replicas[1]=jdbc:mysql://DB1:3306: is the same node (db1:3306) as"
                + " understudy.primary.url",
            "understudy.username: is required",
            "understudy.connection.user: is set from username and password; set those instead",
            "understudy.healthCheckInterval=10ms: must be at least 50ms",
            "understudy.pool.maximumPoolSize=0: must be at least 1",
            "understudy.pool.validationTimeout=2s: must be shorter than connectionTimeout (1s)");
  }

  @Test
  void aSidesOwnBrokenKey_isNamedAsWritten() {
    assertThat(
            problemsOf(
                "understudy.pool.minimumIdle", "5",
                "understudy.replica.pool.maximumPoolSize", "4",
                "understudy.primary.pool.connectionTimeout", "100ms"))
        .containsExactly(
            "understudy.primary.pool.connectionTimeout=100ms: must be at least 250ms",
            "understudy.pool.minimumIdle=5: must be between 0 and maximumPoolSize (4)");
  }

  @Test
  void missingRequiredKeys_andUnreadableValues_areReportedTogether() {
    Properties properties = new Properties();
    properties.setProperty("understudy.replicas", "jdbc:postgresql://db2/shop");
    properties.setProperty("understudy.readRetry", "maybe");
    properties.setProperty("understudy.maxReplicaLag", "5");
    properties.setProperty("understudy.poolSize", "5");

    assertThat(problemsOf(properties))
        .containsExactly(
            "understudy.maxReplicaLag=5: durations need a unit: ms, s, m, h (like 500ms or 3s)",
            "understudy.poolSize: is not a known key; the keys are listed in docs/configuration.md",
            "understudy.readRetry=maybe: must be true or false",
            "understudy.primary.url: is required" + EXPECTED,
            "understudy.replicas[0]=jdbc:postgresql://db2/shop: is not a MySQL or MariaDB URL"
                + EXPECTED,
            "understudy.username: is required");
  }

  @Test
  void thePassword_neverAppearsInProblems() {
    assertThatThrownBy(
            () ->
                read(
                    "understudy.password", "hunter2",
                    "understudy.connection.password", "hunter2",
                    "understudy.connection.trustCertificateKeyStorePassword", "hunter2",
                    "understudy.primary.url", "jdbc:mysql://db1:0/shop?password=hunter2"))
        .isInstanceOf(RouterConfigException.class)
        .message()
        .doesNotContain("hunter2")
        .contains("password=****");
  }
}
