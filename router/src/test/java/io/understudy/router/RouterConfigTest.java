package io.understudy.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RouterConfigTest {
  private static final String PRIMARY = "jdbc:mysql://db1:3306/shop";
  private static final String EXPECTED = "; expected " + JdbcUrl.FORM;

  private static RouterConfig.Builder valid() {
    return RouterConfig.builder().primaryUrl(PRIMARY).username("app");
  }

  private static List<String> problemsOf(RouterConfig.Builder builder) {
    try {
      builder.build();
    } catch (RouterConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a RouterConfigException");
  }

  private static RouterConfig.Builder withPool(UnaryOperator<PoolSettings.Builder> settings) {
    return valid().pool(settings.apply(PoolSettings.builder()).build());
  }

  @Test
  void aConfigWithOnlyPrimaryAndUser_getsEveryDefault() {
    RouterConfig config = valid().build();

    assertThat(config.name()).matches("understudy-\\d+");
    assertThat(config.primaryUrl()).isEqualTo(PRIMARY);
    assertThat(config.replicas()).isEmpty();
    assertThat(config.username()).isEqualTo("app");
    assertThat(config.password().isEmpty()).isTrue();
    assertThat(config.connectionProperties()).isEmpty();
    assertThat(config.primaryPool()).isEqualTo(PoolSettings.DEFAULTS);
    assertThat(config.replicaPool()).isEqualTo(PoolSettings.DEFAULTS);
    assertThat(config.balancing()).isEqualTo(Balancing.ROUND_ROBIN);
    assertThat(config.fallbackToPrimary()).isTrue();
    assertThat(config.maxReplicaLag()).isEmpty();
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.readmitAfterSuccesses()).isEqualTo(2);
    assertThat(config.readRetry()).isTrue();
  }

  @Test
  void poolDefaults_areHikariCpsWithShorterTimeouts() {
    assertThat(PoolSettings.DEFAULTS)
        .isEqualTo(
            new PoolSettings(
                10,
                10,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ZERO));
  }

  @Test
  void minimumIdle_followsMaximumPoolSizeUnlessSet() {
    assertThat(PoolSettings.builder().maximumPoolSize(4).build().minimumIdle()).isEqualTo(4);
    assertThat(PoolSettings.builder().maximumPoolSize(4).minimumIdle(1).build().minimumIdle())
        .isEqualTo(1);
  }

  @Test
  void unnamedConfigs_getDistinctNames() {
    assertThat(valid().build().name()).isNotEqualTo(valid().build().name());
  }

  @Test
  void everySetter_reachesTheConfig() {
    PoolSettings small = PoolSettings.builder().maximumPoolSize(2).build();
    PoolSettings large = PoolSettings.builder().maximumPoolSize(50).build();
    RouterConfig config =
        valid()
            .name("shop-db")
            .replicaUrls("jdbc:mysql://db2/shop")
            .password("hunter2")
            .connectionProperty("sslMode", "REQUIRED")
            .primaryPool(small)
            .replicaPool(large)
            .balancing(Balancing.LEAST_OUTSTANDING)
            .fallbackToPrimary(false)
            .maxReplicaLag(Duration.ofSeconds(3))
            .healthCheckInterval(Duration.ofMillis(250))
            .readmitAfterSuccesses(5)
            .readRetry(false)
            .build();

    assertThat(config.name()).isEqualTo("shop-db");
    assertThat(config.replicas()).containsExactly(new ReplicaConfig("jdbc:mysql://db2/shop", 1));
    assertThat(config.password().reveal()).isEqualTo("hunter2");
    assertThat(config.connectionProperties()).containsExactly(Map.entry("sslMode", "REQUIRED"));
    assertThat(config.primaryPool()).isEqualTo(small);
    assertThat(config.replicaPool()).isEqualTo(large);
    assertThat(config.balancing()).isEqualTo(Balancing.LEAST_OUTSTANDING);
    assertThat(config.fallbackToPrimary()).isFalse();
    assertThat(config.maxReplicaLag()).contains(Duration.ofSeconds(3));
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.readmitAfterSuccesses()).isEqualTo(5);
    assertThat(config.readRetry()).isFalse();
  }

  @Test
  void weights_areKeptPerReplica_andReplicaUrlsReplacesTheList() {
    RouterConfig config =
        valid()
            .replica("jdbc:mysql://old/shop", 7)
            .replicaUrls("jdbc:mysql://db2/shop", "jdbc:mysql://db3/shop")
            .replica("jdbc:mysql://db4/shop", 3)
            .replica("jdbc:mysql://db5/shop", 0)
            .build();

    assertThat(config.replicas()).extracting(ReplicaConfig::weight).containsExactly(1, 1, 3, 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void eachBrokenRule_isReportedWithFieldValueAndAllowedValues(
      String rule, RouterConfig.Builder builder, String problem) {
    assertThat(problemsOf(builder)).containsExactly(problem);
  }

  static Stream<Arguments> eachBrokenRule_isReportedWithFieldValueAndAllowedValues() {
    return Stream.of(
        arguments(
            "name characters",
            valid().name("shop db"),
            "name=shop db: must be letters, digits, '_', '.' or '-'"),
        arguments(
            "primary required",
            RouterConfig.builder().username("app"),
            "primaryUrl: is required" + EXPECTED),
        arguments(
            "primary not MySQL",
            valid().primaryUrl("jdbc:postgresql://db1/shop"),
            "primaryUrl=jdbc:postgresql://db1/shop: is not a MySQL or MariaDB URL" + EXPECTED),
        arguments(
            "driver load-balancing modes",
            valid().primaryUrl("jdbc:mysql:replication://db1,db2/shop"),
            "primaryUrl=jdbc:mysql:replication://db1,db2/shop: is not a MySQL or MariaDB URL"
                + EXPECTED),
        arguments(
            "one host per URL",
            valid().primaryUrl("jdbc:mysql://db1,db2/shop"),
            "primaryUrl=jdbc:mysql://db1,db2/shop: names more than one host;"
                + " give each node its own URL"
                + EXPECTED),
        arguments(
            "host present",
            valid().primaryUrl("jdbc:mysql:///shop"),
            "primaryUrl=jdbc:mysql:///shop: has no host" + EXPECTED),
        arguments(
            "host before a port",
            valid().primaryUrl("jdbc:mariadb://:3306/shop"),
            "primaryUrl=jdbc:mariadb://:3306/shop: has no host" + EXPECTED),
        arguments(
            "host characters",
            valid().primaryUrl("jdbc:mysql://(host=db1)/shop"),
            "primaryUrl=jdbc:mysql://(host=db1)/shop: has a host '(host=db1)' that is not a host"
                + " name"
                + EXPECTED),
        arguments(
            "port after colon",
            valid().primaryUrl("jdbc:mysql://db1:/shop"),
            "primaryUrl=jdbc:mysql://db1:/shop: has a ':' but no port after it" + EXPECTED),
        arguments(
            "port number",
            valid().primaryUrl("jdbc:mysql://db1:mysql/shop"),
            "primaryUrl=jdbc:mysql://db1:mysql/shop: has a port 'mysql' that is not a number"
                + EXPECTED),
        arguments(
            "port not 0",
            valid().primaryUrl("jdbc:mysql://db1:0/shop"),
            "primaryUrl=jdbc:mysql://db1:0/shop: has port 0, outside 1..65535" + EXPECTED),
        arguments(
            "port up to 65535",
            valid().primaryUrl("jdbc:mysql://db1:65536"),
            "primaryUrl=jdbc:mysql://db1:65536: has port 65536, outside 1..65535" + EXPECTED),
        arguments(
            "IPv6 brackets closed",
            valid().primaryUrl("jdbc:mysql://[::1/shop"),
            "primaryUrl=jdbc:mysql://[::1/shop: has a '[' but no ']' around its IPv6 host"
                + EXPECTED),
        arguments(
            "nothing between IPv6 host and port",
            valid().primaryUrl("jdbc:mysql://[::1]x:3306/shop"),
            "primaryUrl=jdbc:mysql://[::1]x:3306/shop: has 'x:3306' after its IPv6 host"
                + EXPECTED),
        arguments(
            "no credentials in URLs",
            valid().primaryUrl("jdbc:mysql://app:hunter2@db1/shop"),
            "primaryUrl=jdbc:mysql://****@db1/shop: carries credentials;"
                + " set username and password instead"
                + EXPECTED),
        arguments(
            "replica URLs checked like the primary's",
            valid().replicaUrls("jdbc:mysql://db2/shop", "db3:3306"),
            "replicas[1]=db3:3306: is not a MySQL or MariaDB URL" + EXPECTED),
        arguments(
            "replica weight not negative",
            valid().replica("jdbc:mysql://db2/shop", -1),
            "replicas[0].weight=-1: must be 0 (drained) or more"),
        arguments("username required", valid().username(null), "username: is required"),
        arguments("username not blank", valid().username("  "), "username: is required"),
        arguments(
            "no user connection property",
            valid().connectionProperty("user", "root"),
            "connectionProperties.user: is set from username and password; set those instead"),
        arguments(
            "no password connection property",
            valid().connectionProperty("PASSWORD", "hunter2"),
            "connectionProperties.PASSWORD: is set from username and password; set those instead"),
        arguments(
            "connection property names",
            valid().connectionProperty(" ", "x"),
            "connectionProperties: property names must not be blank"),
        arguments(
            "connection property values",
            valid().connectionProperty("sslMode", null),
            "connectionProperties.sslMode: must have a value"),
        arguments(
            "lag limit positive",
            valid().maxReplicaLag(Duration.ZERO),
            "maxReplicaLag=0: must be more than 0; leave it unset not to check lag"),
        arguments(
            "lag limit not negative",
            valid().maxReplicaLag(Duration.ofSeconds(-1)),
            "maxReplicaLag=-1s: must be more than 0; leave it unset not to check lag"),
        arguments(
            "health checks not too often",
            valid().healthCheckInterval(Duration.ofMillis(49)),
            "healthCheckInterval=49ms: must be at least 50ms"),
        arguments(
            "readmit after one success or more",
            valid().readmitAfterSuccesses(0),
            "readmitAfterSuccesses=0: must be at least 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void eachBrokenPoolRule_isReportedUnderPool(
      String rule, UnaryOperator<PoolSettings.Builder> settings, String problem) {
    assertThat(problemsOf(withPool(settings))).containsExactly(problem);
  }

  static Stream<Arguments> eachBrokenPoolRule_isReportedUnderPool() {
    return Stream.of(
        pool("pool size", p -> p.maximumPoolSize(0), "maximumPoolSize=0: must be at least 1"),
        pool(
            "idle not negative",
            p -> p.minimumIdle(-1),
            "minimumIdle=-1: must be between 0 and maximumPoolSize (10)"),
        pool(
            "idle up to the pool size",
            p -> p.minimumIdle(11),
            "minimumIdle=11: must be between 0 and maximumPoolSize (10)"),
        pool(
            "connection timeout HikariCP's minimum",
            p -> p.connectionTimeout(Duration.ofMillis(249)),
            "connectionTimeout=249ms: must be at least 250ms"),
        pool(
            "validation timeout HikariCP's minimum",
            p -> p.validationTimeout(Duration.ofMillis(249)),
            "validationTimeout=249ms: must be at least 250ms"),
        pool(
            "validation shorter than connection timeout",
            p -> p.validationTimeout(Duration.ofSeconds(5)),
            "validationTimeout=5s: must be shorter than connectionTimeout (5s)"),
        pool(
            "idle timeout minimum",
            p -> p.idleTimeout(Duration.ofSeconds(9)),
            "idleTimeout=9s: must be 0 or at least 10s"),
        pool(
            "idle timeout below lifetime",
            p -> p.minimumIdle(2).idleTimeout(Duration.ofMinutes(30).minusMillis(999)),
            "idleTimeout=1799001ms: must be 0 or at least 1s shorter than maxLifetime (30m)"),
        pool(
            "lifetime minimum",
            p -> p.maxLifetime(Duration.ofSeconds(29)),
            "maxLifetime=29s: must be 0 or at least 30s"),
        pool(
            "leak detection minimum",
            p -> p.leakDetectionThreshold(Duration.ofMillis(1999)),
            "leakDetectionThreshold=1999ms: must be 0 or at least 2s"),
        pool(
            "leak detection within lifetime",
            p -> p.leakDetectionThreshold(Duration.ofMinutes(31)),
            "leakDetectionThreshold=31m: must be 0 or at most maxLifetime (30m)"),
        pool("durations set", p -> p.connectionTimeout(null), "connectionTimeout: must be set"));
  }

  private static Arguments pool(String rule, UnaryOperator<PoolSettings.Builder> p, String tail) {
    return arguments(rule, p, "pool." + tail);
  }

  @Test
  void unsetDurations_areEachReported() {
    PoolSettings unset = new PoolSettings(10, 10, null, null, null, null, null);

    assertThat(problemsOf(valid().pool(unset)))
        .containsExactly(
            "pool.connectionTimeout: must be set",
            "pool.validationTimeout: must be set",
            "pool.maxLifetime: must be set",
            "pool.idleTimeout: must be set",
            "pool.leakDetectionThreshold: must be set");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void boundaryValues_areAllowed(String value, RouterConfig.Builder builder) {
    assertThat(builder.build()).isNotNull();
  }

  static Stream<Arguments> boundaryValues_areAllowed() {
    Duration minTimeout = Duration.ofMillis(250);
    return Stream.of(
        arguments("name symbols", valid().name("Shop_db.eu-1")),
        arguments("MariaDB URL", valid().primaryUrl("jdbc:mariadb://db1/shop?sslMode=trust")),
        arguments("host only", valid().primaryUrl("jdbc:mysql://db1")),
        arguments("port 1", valid().primaryUrl("jdbc:mysql://db1:1/shop")),
        arguments("port 65535", valid().primaryUrl("jdbc:mysql://db1:65535/shop")),
        arguments("IPv6", valid().primaryUrl("jdbc:mysql://[fe80::1%eth0]:3307/shop")),
        arguments("weight 0 drains", valid().replica("jdbc:mysql://db2/shop", 0)),
        arguments("lag 1ms", valid().maxReplicaLag(Duration.ofMillis(1))),
        arguments("health 50ms", valid().healthCheckInterval(Duration.ofMillis(50))),
        arguments("readmit 1", valid().readmitAfterSuccesses(1)),
        arguments("pool size 1", withPool(p -> p.maximumPoolSize(1))),
        arguments("idle 0", withPool(p -> p.minimumIdle(0))),
        arguments("idle = size", withPool(p -> p.maximumPoolSize(3).minimumIdle(3))),
        arguments(
            "timeouts 250ms",
            withPool(
                p -> p.connectionTimeout(minTimeout.plusMillis(1)).validationTimeout(minTimeout))),
        arguments("idle timeout 0", withPool(p -> p.idleTimeout(Duration.ZERO))),
        arguments("idle timeout 10s", withPool(p -> p.idleTimeout(Duration.ofSeconds(10)))),
        arguments(
            "idle timeout 1s below lifetime",
            withPool(p -> p.minimumIdle(2).idleTimeout(Duration.ofMinutes(30).minusSeconds(1)))),
        arguments(
            "any idle timeout without lifetime",
            withPool(
                p -> p.minimumIdle(2).maxLifetime(Duration.ZERO).idleTimeout(Duration.ofHours(5)))),
        arguments(
            "lifetime 30s",
            withPool(p -> p.maxLifetime(Duration.ofSeconds(30)).idleTimeout(Duration.ZERO))),
        arguments(
            "any idle timeout in a fixed-size pool",
            withPool(p -> p.maxLifetime(Duration.ofSeconds(30)))),
        arguments("leak 2s", withPool(p -> p.leakDetectionThreshold(Duration.ofSeconds(2)))),
        arguments(
            "leak = lifetime", withPool(p -> p.leakDetectionThreshold(Duration.ofMinutes(30)))));
  }

  @Test
  void manyProblems_areReportedTogetherInOneException() {
    RouterConfig.Builder builder =
        RouterConfig.builder()
            .name("bad name")
            .replicaUrls("jdbc:mysql://db2:99999/shop")
            .replica("jdbc:mysql://db3/shop", -2)
            .healthCheckInterval(Duration.ofMillis(10))
            .readmitAfterSuccesses(0)
            .pool(PoolSettings.builder().maximumPoolSize(0).build());

    assertThatThrownBy(builder::build)
        .isInstanceOf(RouterConfigException.class)
        .hasMessage(
            """
            Invalid Understudy router configuration (8 problems):
             - name=bad name: must be letters, digits, '_', '.' or '-'
             - primaryUrl: is required%1$s
             - replicas[0]=jdbc:mysql://db2:99999/shop: has port 99999, outside 1..65535%1$s
             - replicas[1].weight=-2: must be 0 (drained) or more
             - username: is required
             - healthCheckInterval=10ms: must be at least 50ms
             - readmitAfterSuccesses=0: must be at least 1
             - pool.maximumPoolSize=0: must be at least 1"""
                .formatted(EXPECTED));
  }

  @Test
  void oneProblem_isCountedInTheSingular() {
    assertThatThrownBy(() -> valid().readmitAfterSuccesses(0).build())
        .hasMessageStartingWith("Invalid Understudy router configuration (1 problem):\n - ");
  }

  @Test
  void separatePools_areReportedUnderTheirOwnNames() {
    PoolSettings broken = PoolSettings.builder().maximumPoolSize(0).build();

    assertThat(problemsOf(valid().primaryPool(broken).replicaPool(broken)))
        .containsExactly(
            "primaryPool.maximumPoolSize=0: must be at least 1",
            "replicaPool.maximumPoolSize=0: must be at least 1");
  }

  @ParameterizedTest(name = "{1} repeats {0}")
  @CsvSource({
    "jdbc:mysql://db1:3306/shop,    jdbc:mysql://db1:3306/shop",
    "jdbc:mysql://db1:3306/shop,    jdbc:mysql://db1/shop",
    "jdbc:mysql://db1/shop,         jdbc:mariadb://DB1:3306/other?sslMode=trust",
    "jdbc:mysql://[::1]:3307,       jdbc:mysql://[::1]:3307/shop",
  })
  void aReplicaOnThePrimarysNode_isADuplicate(String primary, String replica) {
    assertThat(problemsOf(valid().primaryUrl(primary).replicaUrls(replica)))
        .singleElement(STRING)
        .startsWith("replicas[0]=" + replica + ": is the same node (")
        .endsWith(") as primaryUrl");
  }

  @Test
  void aReplicaListedTwice_isADuplicateOfTheFirstEntry() {
    RouterConfig.Builder builder =
        valid().replicaUrls("jdbc:mysql://db2/shop", "jdbc:mysql://db3/shop", "jdbc:mysql://Db2");

    assertThat(problemsOf(builder))
        .containsExactly(
            "replicas[2]=jdbc:mysql://Db2: is the same node (db2:3306) as replicas[0]");
  }

  @Test
  void theSameHostOnAnotherPort_isAnotherNode() {
    assertThat(valid().replicaUrls("jdbc:mysql://db1:3307/shop").build().replicas()).hasSize(1);
  }

  @Test
  void thePassword_neverAppearsInToStringOrProblems() {
    RouterConfig.Builder builder =
        valid()
            .primaryUrl("jdbc:mysql://db1/shop?password=hunter2&sslMode=REQUIRED")
            .replicaUrls("jdbc:mysql://db2/shop?trustCertificateKeyStorePassword=hunter2")
            .password("hunter2")
            .connectionProperty("clientCertificateKeyStorePassword", "hunter2")
            .connectionProperty("sslMode", "REQUIRED");

    RouterConfig config = builder.build();
    assertThat(config.toString())
        .doesNotContain("hunter2")
        .contains("password=****,", "?password=****&", "clientCertificateKeyStorePassword=****")
        .contains("sslMode=REQUIRED");
    assertThat(config.replicas().get(0).toString()).doesNotContain("hunter2");

    builder.replicaUrls(
        "jdbc:mysql://app:hunter2@db2/shop",
        "jdbc:mysql://db1/?password=hunter2",
        "app:hunter2@db3:3306");
    builder.connectionProperty("password", "hunter2");
    assertThatThrownBy(builder::build).message().doesNotContain("hunter2");
  }

  @Test
  void aSecret_masksItsValueAndRevealsItOnlyWhenAsked() {
    assertThat(Secret.of("hunter2")).hasToString("****");
    assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
    assertThat(Secret.of(null).reveal()).isEmpty();
    assertThat(Secret.of(null)).hasToString("****");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "round_robin,          ROUND_ROBIN",
    "ROUND-ROBIN,          ROUND_ROBIN",
    "Weighted-Round-Robin, WEIGHTED_ROUND_ROBIN",
    "' least-outstanding', LEAST_OUTSTANDING",
  })
  void balancingNames_ignoreCaseAndAcceptKebabCase(String text, Balancing expected) {
    assertThat(Balancing.named(text)).contains(expected);
  }

  @Test
  void unknownBalancingNames_areNotGuessed() {
    assertThat(Balancing.named("random")).isEmpty();
    assertThat(Balancing.named("roundrobin")).isEmpty();
    assertThat(Balancing.named(null)).isEmpty();
  }

  @Test
  void theRecordsCollections_cannotBeChanged() {
    RouterConfig config = valid().replicaUrls("jdbc:mysql://db2").build();

    assertThatThrownBy(() -> config.replicas().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.connectionProperties().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
