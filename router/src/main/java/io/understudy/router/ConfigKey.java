package io.understudy.router;

import static io.understudy.router.ConfigKey.Group.ESSENTIAL;
import static io.understudy.router.ConfigKey.Group.FREQUENT;
import static io.understudy.router.ConfigKey.Group.RARE;

import io.understudy.router.PropertiesReader.Target;
import io.understudy.router.PropertiesReader.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The table of {@code understudy.*} properties. {@link RouterConfig#fromProperties} dispatches on
 * it and the table in {@code docs/configuration.md} is rendered from it, so a key cannot exist in
 * one and not the other. Defaults and limits are taken from the code that applies them.
 *
 * <p>A key with a {@code <placeholder>} stands for a family of keys. A key starting with {@value
 * PropertiesReader#POOL_PREFIX} sets both pools; the same setting under {@value
 * PropertiesReader#PRIMARY_POOL_PREFIX} or {@value PropertiesReader#REPLICA_POOL_PREFIX} sets one.
 */
enum ConfigKey {
  PRIMARY_URL(
      ESSENTIAL,
      "understudy.primary.url",
      "required, unless `understudy.discovery.seeds` is set",
      "`jdbc:mysql://host[:port][/database][?properties]`, or the same with `jdbc:mariadb:`",
      "The primary. Every write goes here.",
      (t, v) -> t.config().primaryUrl(v.text())),
  REPLICAS(
      ESSENTIAL,
      "understudy.replicas",
      "none",
      "URLs like the primary's, separated by commas",
      "The replicas that serve reads. Without any, reads go to the primary.",
      (t, v) -> t.reader().replicas(v)),
  DISCOVERY_SEEDS(
      ESSENTIAL,
      "understudy.discovery.seeds",
      "none",
      "`host[:port]` entries separated by commas; not with `understudy.primary.url` or"
          + " `understudy.replicas`",
      "Nodes to read the topology from instead of configuring it: the router follows the newest"
          + " epoch the nodes publish and learns the other nodes from it (docs/routing.md,"
          + " Discovery).",
      (t, v) -> t.reader().discoverySeeds(v)),
  DISCOVERY_DATABASE(
      ESSENTIAL,
      "understudy.discovery.database",
      "none",
      "letters, digits, `_`, `$`, `-`; only with `understudy.discovery.seeds`",
      "The default database of the connections to discovered nodes.",
      (t, v) -> t.config().discoveryDatabase(v.text())),
  USERNAME(
      ESSENTIAL,
      "understudy.username",
      "required",
      "not blank",
      "The database user on every node.",
      (t, v) -> t.config().username(v.text())),
  PASSWORD(
      ESSENTIAL,
      "understudy.password",
      "empty",
      "any",
      "The user's password. Printed as `****` wherever the configuration is printed.",
      (t, v) -> t.config().password(v.raw())),
  NAME(
      FREQUENT,
      "understudy.name",
      code(RouterConfig.NAME_PREFIX + "<n>"),
      "letters, digits, `_`, `.`, `-`",
      "Names the data source in thread names and JMX; `<n>` counts data sources in the JVM.",
      (t, v) -> t.config().name(v.text())),
  BALANCING(
      FREQUENT,
      "understudy.balancing",
      code(RouterConfig.DEFAULT_BALANCING.key()),
      Arrays.stream(Balancing.values()).map(b -> code(b.key())).collect(Collectors.joining(", ")),
      "How reads are spread over the healthy replicas.",
      (t, v) -> v.balancing().ifPresent(t.config()::balancing)),
  REPLICA_WEIGHT(
      FREQUENT,
      "understudy.replica.<index>.weight",
      code(ReplicaConfig.DEFAULT_WEIGHT),
      "`0` or more",
      "Weight under `weighted-round-robin` of entry `<index>` (from 0) of `understudy.replicas`."
          + " `0` drains it under every policy: it gets no new reads.",
      (t, v) -> t.reader().replicaWeight(v)),
  MAX_REPLICA_LAG(
      FREQUENT,
      "understudy.maxReplicaLag",
      "not checked",
      "a duration over `0`",
      "Replicas further behind the primary than this get no reads.",
      (t, v) -> v.duration().ifPresent(t.config()::maxReplicaLag)),
  FALLBACK_TO_PRIMARY(
      FREQUENT,
      "understudy.fallbackToPrimary",
      code(RouterConfig.DEFAULT_FALLBACK_TO_PRIMARY),
      "`true`, `false`",
      "Whether a read that no replica can take runs on the primary rather than failing.",
      (t, v) -> v.bool().ifPresent(t.config()::fallbackToPrimary)),
  WRITE_CONCERN(
      FREQUENT,
      "understudy.writeConcern",
      code(RouterConfig.DEFAULT_WRITE_CONCERN.key()),
      Arrays.stream(WriteConcern.values())
          .map(c -> code(c.key()))
          .collect(Collectors.joining(", ")),
      "When a write returns: `async` once the primary committed it; `replicated` once a replica"
          + " also applied it, or else after `understudy.replicationTimeout` with SQLState"
          + " `UR001` (docs/routing.md, Write concern).",
      (t, v) -> v.writeConcern().ifPresent(t.config()::writeConcern)),
  CONSISTENCY(
      FREQUENT,
      "understudy.consistency",
      code(RouterConfig.DEFAULT_CONSISTENCY.key()),
      Arrays.stream(Consistency.values()).map(c -> code(c.key())).collect(Collectors.joining(", ")),
      "`read-your-writes`: after a write, a connection reads only on replicas that applied it, or"
          + " on the primary after `understudy.causalReadTimeout` (docs/routing.md, Read your"
          + " writes).",
      (t, v) -> v.consistency().ifPresent(t.config()::consistency)),
  CONNECTION_PROPERTY(
      FREQUENT,
      "understudy.connection.<name>",
      "none",
      "any but `user` and `password`",
      "Driver property `<name>` on every node's connections, such as"
          + " `understudy.connection.sslMode`.",
      (t, v) -> t.config().connectionProperty(v.wildcard(), v.raw())),
  MAXIMUM_POOL_SIZE(
      FREQUENT,
      "understudy.pool.maximumPoolSize",
      code(PoolSettings.DEFAULTS.maximumPoolSize()),
      "`1` or more",
      "Connections each node's pool holds at most, in use or idle.",
      (t, v) -> v.integer().ifPresent(t.pool()::maximumPoolSize)),
  MINIMUM_IDLE(
      FREQUENT,
      "understudy.pool.minimumIdle",
      "same as `maximumPoolSize`",
      "`0` to `maximumPoolSize`",
      "Idle connections each pool keeps ready. The default makes a fixed-size pool.",
      (t, v) -> v.integer().ifPresent(t.pool()::minimumIdle)),
  CONNECTION_TIMEOUT(
      FREQUENT,
      "understudy.pool.connectionTimeout",
      code(PoolSettings.DEFAULTS.connectionTimeout()),
      atLeast(PoolSettings.MIN_TIMEOUT),
      "How long getting a connection from a node's pool may wait before it fails.",
      (t, v) -> v.duration().ifPresent(t.pool()::connectionTimeout)),
  HEALTH_CHECK_INTERVAL(
      RARE,
      "understudy.healthCheckInterval",
      code(RouterConfig.DEFAULT_HEALTH_CHECK_INTERVAL),
      atLeast(RouterConfig.MIN_HEALTH_CHECK_INTERVAL),
      "How often each node is probed.",
      (t, v) -> v.duration().ifPresent(t.config()::healthCheckInterval)),
  READMIT_AFTER_SUCCESSES(
      RARE,
      "understudy.readmitAfterSuccesses",
      code(RouterConfig.DEFAULT_READMIT_AFTER_SUCCESSES),
      "`1` or more",
      "Successful probes in a row before an excluded replica gets reads again.",
      (t, v) -> v.integer().ifPresent(t.config()::readmitAfterSuccesses)),
  TOPOLOGY_REFRESH(
      RARE,
      "understudy.topologyRefresh",
      code(RouterConfig.DEFAULT_TOPOLOGY_REFRESH),
      atLeast(RouterConfig.MIN_TOPOLOGY_REFRESH),
      "How often a router with `understudy.discovery.seeds` reads the topology again; it also"
          + " reads it at once when it cannot reach the primary.",
      (t, v) -> v.duration().ifPresent(t.config()::topologyRefresh)),
  REPLICATION_TIMEOUT(
      RARE,
      "understudy.replicationTimeout",
      code(RouterConfig.DEFAULT_REPLICATION_TIMEOUT),
      "a duration over `0`",
      "How long a write under `understudy.writeConcern=replicated` waits for a replica to apply"
          + " it.",
      (t, v) -> v.duration().ifPresent(t.config()::replicationTimeout)),
  CAUSAL_READ_TIMEOUT(
      RARE,
      "understudy.causalReadTimeout",
      code(RouterConfig.DEFAULT_CAUSAL_READ_TIMEOUT),
      "`0` or more",
      "How long a read that must see a write waits for a replica to apply it before it runs on"
          + " the primary; `0`: at once.",
      (t, v) -> v.duration().ifPresent(t.config()::causalReadTimeout)),
  READ_RETRY(
      RARE,
      "understudy.readRetry",
      code(RouterConfig.DEFAULT_READ_RETRY),
      "`true`, `false`",
      "Whether a failed autocommit read is retried once on another replica.",
      (t, v) -> v.bool().ifPresent(t.config()::readRetry)),
  VALIDATION_TIMEOUT(
      RARE,
      "understudy.pool.validationTimeout",
      code(PoolSettings.DEFAULTS.validationTimeout()),
      atLeast(PoolSettings.MIN_TIMEOUT) + " and shorter than `connectionTimeout`",
      "How long checking that a connection is alive may take.",
      (t, v) -> v.duration().ifPresent(t.pool()::validationTimeout)),
  IDLE_TIMEOUT(
      RARE,
      "understudy.pool.idleTimeout",
      code(PoolSettings.DEFAULTS.idleTimeout()),
      "`0`, or "
          + atLeast(PoolSettings.MIN_IDLE_TIMEOUT)
          + "; with `minimumIdle` below `maximumPoolSize`, also 1s shorter than `maxLifetime`",
      "How long a connection above `minimumIdle` may sit idle before it is closed; `0`: never.",
      (t, v) -> v.duration().ifPresent(t.pool()::idleTimeout)),
  MAX_LIFETIME(
      RARE,
      "understudy.pool.maxLifetime",
      code(PoolSettings.DEFAULTS.maxLifetime()),
      "`0` or " + atLeast(PoolSettings.MIN_MAX_LIFETIME),
      "Age at which a connection is retired once back in its pool; keep it below the server's"
          + " `wait_timeout`. `0`: no limit.",
      (t, v) -> v.duration().ifPresent(t.pool()::maxLifetime)),
  LEAK_DETECTION_THRESHOLD(
      RARE,
      "understudy.pool.leakDetectionThreshold",
      code(PoolSettings.DEFAULTS.leakDetectionThreshold()),
      "`0`, or " + atLeast(PoolSettings.MIN_LEAK_DETECTION) + " and at most `maxLifetime`",
      "A connection out of its pool for longer than this is logged as a possible leak; `0`: off.",
      (t, v) -> v.duration().ifPresent(t.pool()::leakDetectionThreshold));

  /** The groups of HikariCP's README: what everyone sets, what many set, what few need. */
  enum Group {
    ESSENTIAL("Essentials"),
    FREQUENT("Frequently used"),
    RARE("Rarely used");

    private final String title;

    Group(String title) {
      this.title = title;
    }
  }

  /** Applies a value read from properties; {@code target.pool()} is set for pool keys only. */
  @FunctionalInterface
  interface Setter {
    void set(Target target, Value value);
  }

  private final Group group;
  private final String key;
  private final String defaultText;
  private final String allowed;
  private final String description;
  private final Setter setter;

  ConfigKey(
      Group group,
      String key,
      String defaultText,
      String allowed,
      String description,
      Setter setter) {
    this.group = group;
    this.key = key;
    this.defaultText = defaultText;
    this.allowed = allowed;
    this.description = description;
    this.setter = setter;
  }

  /** The key, or for a family of keys its pattern, such as {@code understudy.connection.<name>}. */
  String key() {
    return key;
  }

  /** The default as the docs show it; a value in backticks reads back as that default. */
  String defaultText() {
    return defaultText;
  }

  boolean isPoolSetting() {
    return key.startsWith(PropertiesReader.POOL_PREFIX);
  }

  void set(Target target, Value value) {
    setter.set(target, value);
  }

  /** The entry {@code candidate} belongs to, if any. */
  static Optional<ConfigKey> matching(String candidate) {
    return Arrays.stream(values()).filter(k -> k.wildcard(candidate) != null).findFirst();
  }

  /**
   * What {@code candidate} puts in place of this key's placeholder; {@code ""} if this key has none
   * and equals {@code candidate}; {@code null} if {@code candidate} is not this key.
   */
  String wildcard(String candidate) {
    int open = key.indexOf('<');
    if (open < 0) {
      return key.equals(candidate) ? "" : null;
    }
    String prefix = key.substring(0, open);
    String suffix = key.substring(key.indexOf('>') + 1);
    boolean fits =
        candidate.length() > prefix.length() + suffix.length()
            && candidate.startsWith(prefix)
            && candidate.endsWith(suffix);
    return fits ? candidate.substring(prefix.length(), candidate.length() - suffix.length()) : null;
  }

  /** The key for {@code wildcard} in place of the placeholder, such as the 2nd replica's weight. */
  String with(String wildcard) {
    return key.replaceFirst("<[a-z]+>", wildcard);
  }

  /** Every key that can be written as it stands, per-side pool keys included. */
  static Stream<String> literalKeys() {
    return Arrays.stream(values()).filter(k -> !k.key.contains("<")).flatMap(ConfigKey::spellings);
  }

  private Stream<String> spellings() {
    if (!isPoolSetting()) {
      return Stream.of(key);
    }
    String setting = key.substring(PropertiesReader.POOL_PREFIX.length());
    return Stream.of(
        key,
        PropertiesReader.PRIMARY_POOL_PREFIX + setting,
        PropertiesReader.REPLICA_POOL_PREFIX + setting);
  }

  /** The tables of {@code docs/configuration.md}, one per group, and how pool keys combine. */
  static String markdownTable() {
    StringBuilder out = new StringBuilder();
    for (Group group : Group.values()) {
      out.append("### ").append(group.title).append("\n\n");
      out.append("| Key | Default | Allowed | Description |\n");
      out.append("| --- | --- | --- | --- |\n");
      for (ConfigKey k : values()) {
        if (k.group == group) {
          out.append("| `").append(k.key).append("` | ").append(k.defaultText);
          out.append(" | ").append(k.allowed).append(" | ").append(k.description).append(" |\n");
        }
      }
      out.append('\n');
    }
    String shared = code(PropertiesReader.POOL_PREFIX + "<setting>");
    return out.append("Each ")
        .append(shared)
        .append(" applies to every node's pool. To set one")
        .append(" side only, write ")
        .append(code(PropertiesReader.PRIMARY_POOL_PREFIX + "<setting>"))
        .append(" or ")
        .append(code(PropertiesReader.REPLICA_POOL_PREFIX + "<setting>"))
        .append("; these win over ")
        .append(shared)
        .append(".\n")
        .toString();
  }

  private static String code(Object value) {
    return "`" + (value instanceof Duration d ? Durations.format(d) : value) + "`";
  }

  private static String atLeast(Duration min) {
    return "at least " + code(min);
  }
}
