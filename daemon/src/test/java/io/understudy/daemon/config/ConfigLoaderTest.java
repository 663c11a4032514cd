package io.understudy.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  private static final String PASSWORD = "pa55-word-never-shown";
  private static final String TOKEN = "token-0123456789-abcdef";

  static final String VALID =
      """
      nodes:
        - name: db1
          host: 10.0.0.1
          primary: true
        - name: db2
          host: 10.0.0.2
          port: 3307
      credentials:
        user: replicator
      """;

  private static final Map<String, String> SECRET_ENV =
      Map.of("UNDERSTUDY_CREDENTIALS_PASSWORD", PASSWORD);

  @Test
  void aMinimalFileGetsEveryDefault() throws Exception {
    DaemonConfig config = ConfigLoader.parse(VALID, SECRET_ENV).config();

    assertThat(config.primary().name()).isEqualTo("db1");
    assertThat(config.primary().port()).isEqualTo(3306);
    assertThat(config.replicas()).extracting(DaemonConfig.Node::port).containsExactly(3307);
    assertThat(config.password().reveal()).isEqualTo(PASSWORD);
    assertThat(config.serverId()).isEqualTo(5401);
    assertThat(config.queueCapacity()).isEqualTo(1000);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.detachAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.filter().isAll()).isTrue();
    assertThat(config.admin().bind()).isEqualTo("127.0.0.1");
    assertThat(config.admin().port()).isEqualTo(8089);
    assertThat(config.admin().token()).isEmpty();
    assertThat(config.replicatorConfig().replicas()).hasSize(1);
  }

  @Test
  void everyKeyIsRead() throws Exception {
    String yaml =
        VALID
            + """
              passwordEnv: MY_DB_PASSWORD
            replication:
              serverId: 7000
              queueCapacity: 50
              heartbeatInterval: 250ms
              detachAfter: 2m
              filter:
                includeSchemas: [shop, "crm_*"]
                excludeSchemas: [crm_scratch]
                excludeTables: ["*.audit_*"]
            admin:
              bind: 0.0.0.0
              port: 9100
              tokenEnv: MY_TOKEN
            """;
    DaemonConfig config =
        ConfigLoader.parse(yaml, Map.of("MY_DB_PASSWORD", PASSWORD, "MY_TOKEN", TOKEN)).config();

    assertThat(config.serverId()).isEqualTo(7000);
    assertThat(config.queueCapacity()).isEqualTo(50);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.detachAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.filter().includeSchemas()).hasSize(2);
    assertThat(config.filter().excludeTables()).hasSize(1);
    assertThat(config.admin().port()).isEqualTo(9100);
    assertThat(config.admin().token()).get().extracting(Secret::reveal).isEqualTo(TOKEN);
  }

  static Stream<Arguments> overrides() {
    return Stream.of(
        Arguments.of("UNDERSTUDY_ADMIN_PORT", "9200", "admin.port", "9200"),
        Arguments.of("UNDERSTUDY_ADMIN_BIND", "0.0.0.0", "admin.bind", "0.0.0.0"),
        Arguments.of("UNDERSTUDY_CREDENTIALS_USER", "other", "credentials.user", "other"),
        Arguments.of(
            "UNDERSTUDY_REPLICATION_HEARTBEAT_INTERVAL",
            "2s",
            "replication.heartbeatInterval",
            "PT2S"),
        Arguments.of(
            "UNDERSTUDY_REPLICATION_QUEUE_CAPACITY", "7", "replication.queueCapacity", "7"),
        Arguments.of("UNDERSTUDY_NODES_1_HOST", "db2.internal", "nodes[1].host", "db2.internal"),
        Arguments.of("UNDERSTUDY_NODES_0_PORT", "4000", "nodes[0].port", "4000"),
        Arguments.of(
            "UNDERSTUDY_REPLICATION_FILTER_EXCLUDE_SCHEMAS",
            "a, b",
            "replication.filter.excludeSchemas",
            "[a, b]"));
  }

  @ParameterizedTest(name = "{0} overrides {2}")
  @MethodSource("overrides")
  void environmentVariablesOverrideTheFile(
      String variable, String value, String path, String expected) throws Exception {
    Map<String, String> env = new HashMap<>(SECRET_ENV);
    env.put(variable, value);

    DaemonConfig config = ConfigLoader.parse(VALID, env).config();

    assertThat(EnvNames.of(path)).isEqualTo(variable);
    Object actual =
        switch (path) {
          case "admin.port" -> config.admin().port();
          case "admin.bind" -> config.admin().bind();
          case "credentials.user" -> config.user();
          case "replication.heartbeatInterval" -> config.heartbeatInterval();
          case "replication.queueCapacity" -> config.queueCapacity();
          case "nodes[1].host" -> config.nodes().get(1).host();
          case "nodes[0].port" -> config.nodes().get(0).port();
          case "replication.filter.excludeSchemas" ->
              config.filter().excludeSchemas().stream().map(Object::toString).toList();
          default -> throw new IllegalArgumentException(path);
        };
    assertThat(String.valueOf(actual)).isEqualTo(expected);
  }

  @Test
  void anEnvironmentVariableNamingNoKeyIsReportedNotApplied() throws Exception {
    Map<String, String> env = new HashMap<>(SECRET_ENV);
    env.put("UNDERSTUDY_ADMIN_PROT", "1");
    env.put("OTHER_THING", "1");

    assertThat(ConfigLoader.parse(VALID, env).unknownVariables())
        .containsExactly("UNDERSTUDY_ADMIN_PROT");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            VALID.replace("port: 3307", "port: 70000"),
            "nodes[1].port: must be between 1 and 65535, not 70000"),
        Arguments.of(VALID.replace("port: 3307", "port: many"), "nodes[1].port: must be a whole"),
        Arguments.of(VALID.replace("host: 10.0.0.2", "hots: x"), "nodes[1].hots: unknown key"),
        Arguments.of(VALID.replace("host: 10.0.0.2", "hots: x"), "nodes[1].host: is required"),
        Arguments.of(VALID.replace("name: db2", "name: db1"), "nodes[1].name: 'db1' names another"),
        Arguments.of(VALID.replace("primary: true", "primary: false"), "nodes: exactly one must"),
        Arguments.of(VALID.replace("primary: true", "primary: yes please"), "nodes[0].primary:"),
        Arguments.of(
            VALID.replace("user: replicator", "user: \"\""), "credentials.user: is required"),
        Arguments.of(
            VALID + "  password: inline\n", "credentials.password: secrets are not written"),
        Arguments.of(VALID + "replication:\n  heartbeatInterval: 5\n", "must be a duration"),
        Arguments.of(
            VALID + "replication:\n  detachAfter: 20m\n",
            "replication.detachAfter: must be between 100ms and 600000ms"),
        Arguments.of(VALID + "replication:\n  queueCapacity: 0\n", "replication.queueCapacity:"),
        Arguments.of(
            VALID + "replication:\n  filter:\n    excludeSchemas: [mysql]\n",
            "replication.filter:"),
        Arguments.of(VALID + "admin:\n  port: -1\n", "admin.port: must be between 0 and 65535"),
        Arguments.of(VALID + "admin: 8080\n", "admin: must be a mapping"),
        Arguments.of(VALID + "extra: 1\n", "extra: unknown key (known here: nodes, credentials"),
        Arguments.of("nodes: {}\n", "nodes: must be a list"),
        Arguments.of("- a\n- b\n", "the file must be a mapping"),
        Arguments.of("nodes: [\n", "not valid YAML"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void eachProblemIsNamedWithItsPath(String yaml, String problem) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, SECRET_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String yaml =
        """
        nodes:
          - name: db1
            host: h
            port: 0
          - host: h2
        replication:
          queueCapacity: -3
        admin:
          port: 99999
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("nodes[0].port:"))
                    .anyMatch(p -> p.startsWith("nodes[1].name: is required"))
                    .anyMatch(p -> p.startsWith("nodes: exactly one must have primary"))
                    .anyMatch(p -> p.startsWith("credentials.user: is required"))
                    .anyMatch(p -> p.startsWith("credentials.password: not given"))
                    .anyMatch(p -> p.startsWith("replication.queueCapacity:"))
                    .anyMatch(p -> p.startsWith("admin.port:"))
                    .hasSize(7));
  }

  @Test
  void aBadOverrideNamesItsVariable() {
    Map<String, String> env = new HashMap<>(SECRET_ENV);
    env.put("UNDERSTUDY_ADMIN_PORT", "eighty");

    assertThatThrownBy(() -> ConfigLoader.parse(VALID, env))
        .hasMessageContaining("admin.port (from UNDERSTUDY_ADMIN_PORT): must be a whole number");
  }

  @Test
  void secretsComeFromFilesWhichWinOverTheEnvironment(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Path token = Files.writeString(dir.resolve("token"), TOKEN);
    String yaml = VALID + "  passwordFile: " + password + "\nadmin:\n  tokenFile: " + token + "\n";

    DaemonConfig config =
        ConfigLoader.parse(yaml, Map.of("UNDERSTUDY_CREDENTIALS_PASSWORD", "other")).config();

    assertThat(config.password().reveal()).isEqualTo(PASSWORD);
    assertThat(config.admin().token()).get().extracting(Secret::reveal).isEqualTo(TOKEN);
  }

  @Test
  void unreadableOrShortSecretsAreProblems(@TempDir Path dir) {
    String yaml = VALID + "  passwordFile: " + dir.resolve("absent") + "\n";
    Map<String, String> env = Map.of("UNDERSTUDY_ADMIN_TOKEN", "short");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("credentials.passwordFile: cannot read"))
                    .anyMatch(p -> p.startsWith("admin.token: must be at least 16")));
  }

  @Test
  void secretsAreNeverShownInTheConfigurationOrItsProblems() {
    Map<String, String> env =
        Map.of(
            "UNDERSTUDY_CREDENTIALS_PASSWORD", PASSWORD,
            "UNDERSTUDY_ADMIN_TOKEN", TOKEN);
    String bad = VALID + "admin:\n  port: 0x\n";

    assertThatThrownBy(() -> ConfigLoader.parse(bad, env))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
    Object[] shown = {assertConfig(env), assertConfig(env).replicatorConfig()};
    for (Object object : shown) {
      assertThat(object.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }
  }

  private static DaemonConfig assertConfig(Map<String, String> env) {
    try {
      return ConfigLoader.parse(VALID, env).config();
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyKeyHasADistinctEnvironmentVariable() {
    List<String> names =
        Stream.of(ConfigKey.values()).map(ConfigKey::environmentVariable).distinct().toList();
    assertThat(names).hasSize(ConfigKey.values().length).allMatch(n -> n.matches("[A-Z0-9_]+"));
  }
}
