package io.understudy.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuring discovery: seeds instead of a primary and replicas, and how that is checked. */
class DiscoveryConfigTest {

  private static RouterConfig.Builder discovering() {
    return RouterConfig.builder().discoverySeeds("db1:3306", "DB2").username("app");
  }

  private static List<String> problemsOf(RouterConfig.Builder builder) {
    try {
      builder.build();
    } catch (RouterConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a RouterConfigException");
  }

  private static List<String> problemsOf(String... keysAndValues) {
    Properties properties = new Properties();
    properties.setProperty("understudy.username", "app");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      RouterConfig.fromProperties(properties);
    } catch (RouterConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a RouterConfigException");
  }

  @Test
  void seedsAlone_makeADiscoveringConfig_withNormalisedSeeds() {
    RouterConfig config = discovering().build();

    assertThat(config.discovers()).isTrue();
    assertThat(config.discoverySeeds()).containsExactly("db1:3306", "db2:3306");
    assertThat(config.primaryUrl()).isNull();
    assertThat(config.replicas()).isEmpty();
    assertThat(config.discoveryDatabase()).isEmpty();
    assertThat(config.topologyRefresh()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void properties_readSeedsDatabaseAndRefresh() {
    Properties properties = new Properties();
    properties.setProperty("understudy.discovery.seeds", " db1:3307 , [::1]:3308,db3");
    properties.setProperty("understudy.discovery.database", "shop");
    properties.setProperty("understudy.topologyRefresh", "250ms");
    properties.setProperty("understudy.username", "app");

    RouterConfig config = RouterConfig.fromProperties(properties);

    assertThat(config.discoverySeeds()).containsExactly("db1:3307", "[::1]:3308", "db3:3306");
    assertThat(config.discoveryDatabase()).isEqualTo("shop");
    assertThat(config.topologyRefresh()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aStaticConfig_doesNotDiscover() {
    RouterConfig config =
        RouterConfig.builder().primaryUrl("jdbc:mysql://db1/shop").username("app").build();

    assertThat(config.discovers()).isFalse();
    assertThat(config.discoverySeeds()).isEmpty();
  }

  static Stream<Arguments> builderProblems() {
    return Stream.of(
        arguments(
            "seeds and a primary",
            discovering().primaryUrl("jdbc:mysql://db1/shop"),
            List.of(
                "primaryUrl=jdbc:mysql://db1/shop: cannot be combined with discovery.seeds: either"
                    + " the nodes publish the topology (seeds) or the configuration gives it"
                    + " (primary and replicas); remove one")),
        arguments(
            "seeds and replicas",
            discovering().replicaUrls("jdbc:mysql://db2/shop"),
            List.of(
                "replicas: cannot be combined with discovery.seeds: either the nodes publish the"
                    + " topology (seeds) or the configuration gives it (primary and replicas);"
                    + " remove one")),
        arguments(
            "bad seeds",
            RouterConfig.builder()
                .discoverySeeds("db1:3306/shop", "", "db2:x", "jdbc:mysql://db3")
                .username("app"),
            List.of(
                "discovery.seeds[0]=db1:3306/shop: has a '/'; expected host[:port], like db1:3306",
                "discovery.seeds[1]=: is empty; expected host[:port], like db1:3306",
                "discovery.seeds[2]=db2:x: has a port 'x' that is not a number; expected"
                    + " host[:port], like db1:3306",
                "discovery.seeds[3]=jdbc:mysql://db3: has a '/'; expected host[:port], like"
                    + " db1:3306")),
        arguments(
            "the same node twice",
            discovering().discoverySeeds("db1", "DB1:3306"),
            List.of(
                "discovery.seeds[1]=DB1:3306: is the same node (db1:3306) as discovery.seeds[0]")),
        arguments(
            "a database with URL syntax",
            discovering().discoveryDatabase("shop?x=1"),
            List.of("discovery.database=shop?x=1: must be letters, digits, '_', '$' or '-'")),
        arguments(
            "a database without seeds",
            RouterConfig.builder()
                .primaryUrl("jdbc:mysql://db1/shop")
                .username("app")
                .discoveryDatabase("shop"),
            List.of(
                "discovery.database=shop: applies only with discovery.seeds; a configured"
                    + " primaryUrl carries its own database")),
        arguments(
            "a refresh too short",
            discovering().topologyRefresh(Duration.ofMillis(10)),
            List.of("topologyRefresh=10ms: must be at least 50ms")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builderProblems")
  void theBuilder_namesEveryProblem(String rule, RouterConfig.Builder builder, List<String> want) {
    assertThat(problemsOf(builder)).containsExactlyElementsOf(want);
  }

  @Test
  void properties_nameTheirOwnKeys() {
    assertThat(
            problemsOf(
                "understudy.discovery.seeds", "db1,db2:0",
                "understudy.primary.url", "jdbc:mysql://db1/shop",
                "understudy.topologyRefresh", "1"))
        .containsExactly(
            "understudy.topologyRefresh=1: durations need a unit: ms, s, m, h (like 500ms or 3s)",
            "understudy.primary.url=jdbc:mysql://db1/shop: cannot be combined with"
                + " understudy.discovery.seeds: either the nodes publish the topology (seeds) or"
                + " the configuration gives it (primary and replicas); remove one",
            "understudy.discovery.seeds[1]=db2:0: has port 0, outside 1..65535; expected"
                + " host[:port], like db1:3306");
  }

  @Test
  void neitherSeedsNorPrimary_stillAsksForThePrimary() {
    assertThat(problemsOf(RouterConfig.builder().username("app")))
        .singleElement()
        .asString()
        .startsWith("primaryUrl: is required");
  }
}
