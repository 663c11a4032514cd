package io.understudy.router;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Everything a {@code ReplicatedDataSource} needs: where the nodes are, how to log in, how to pool,
 * and how to route reads. Build one with {@link #builder()} or {@link #fromProperties(Properties)};
 * both check every rule and throw one {@link RouterConfigException} listing all broken ones.
 *
 * <p>The topology comes either from the configuration ({@code primaryUrl} and {@code replicas}) or,
 * when {@code discoverySeeds} is not empty, from the nodes themselves ({@code docs/routing.md},
 * "Discovery"); then {@code primaryUrl} is null and {@code replicas} is empty.
 *
 * <p>The canonical constructor exists because records need one; it checks only for nulls. An empty
 * {@code maxReplicaLag} means replica lag is not checked; an empty {@code discoveryDatabase} means
 * discovered nodes are connected to without a default database. {@code toString()} masks the
 * password, passwords in URLs and every connection property whose name contains "password".
 */
public record RouterConfig(
    String name,
    String primaryUrl,
    List<ReplicaConfig> replicas,
    String username,
    Secret password,
    Map<String, String> connectionProperties,
    PoolSettings primaryPool,
    PoolSettings replicaPool,
    Balancing balancing,
    boolean fallbackToPrimary,
    Optional<Duration> maxReplicaLag,
    Duration healthCheckInterval,
    int readmitAfterSuccesses,
    boolean readRetry,
    List<String> discoverySeeds,
    String discoveryDatabase,
    Duration topologyRefresh,
    WriteConcern writeConcern,
    Duration replicationTimeout,
    Consistency consistency,
    Duration causalReadTimeout) {

  static final Balancing DEFAULT_BALANCING = Balancing.ROUND_ROBIN;
  static final boolean DEFAULT_FALLBACK_TO_PRIMARY = true;
  static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);
  static final Duration MIN_HEALTH_CHECK_INTERVAL = Duration.ofMillis(50);
  static final int DEFAULT_READMIT_AFTER_SUCCESSES = 2;
  static final boolean DEFAULT_READ_RETRY = true;
  static final Duration DEFAULT_TOPOLOGY_REFRESH = Duration.ofSeconds(1);
  static final Duration MIN_TOPOLOGY_REFRESH = Duration.ofMillis(50);
  static final WriteConcern DEFAULT_WRITE_CONCERN = WriteConcern.ASYNC;
  static final Duration DEFAULT_REPLICATION_TIMEOUT = Duration.ofSeconds(5);
  static final Consistency DEFAULT_CONSISTENCY = Consistency.EVENTUAL;
  static final Duration DEFAULT_CAUSAL_READ_TIMEOUT = Duration.ofSeconds(1);
  static final String NAME_PREFIX = "understudy-";
  // The name appears in thread names and JMX object names, where other characters need quoting.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final AtomicInteger UNNAMED = new AtomicInteger();

  public RouterConfig {
    requireNonNull(name, "name");
    discoverySeeds = List.copyOf(discoverySeeds);
    if (discoverySeeds.isEmpty()) {
      requireNonNull(primaryUrl, "primaryUrl");
    }
    replicas = List.copyOf(replicas);
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    connectionProperties = Collections.unmodifiableMap(new LinkedHashMap<>(connectionProperties));
    requireNonNull(primaryPool, "primaryPool");
    requireNonNull(replicaPool, "replicaPool");
    requireNonNull(balancing, "balancing");
    requireNonNull(maxReplicaLag, "maxReplicaLag");
    requireNonNull(healthCheckInterval, "healthCheckInterval");
    requireNonNull(discoveryDatabase, "discoveryDatabase");
    requireNonNull(topologyRefresh, "topologyRefresh");
    requireNonNull(writeConcern, "writeConcern");
    requireNonNull(replicationTimeout, "replicationTimeout");
    requireNonNull(consistency, "consistency");
    requireNonNull(causalReadTimeout, "causalReadTimeout");
  }

  /** Whether the topology is read from the nodes rather than taken from this configuration. */
  public boolean discovers() {
    return !discoverySeeds.isEmpty();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code understudy.*} keys listed in {@code docs/configuration.md}; other keys are
   * ignored, so the same properties can carry settings for other components.
   *
   * @throws RouterConfigException listing every unknown key, unreadable value and broken rule
   */
  public static RouterConfig fromProperties(Properties properties) {
    return new PropertiesReader(properties).read();
  }

  @Override
  public String toString() {
    Map<String, String> shownProperties = new LinkedHashMap<>(connectionProperties);
    shownProperties.replaceAll((key, value) -> isSecret(key) ? password.toString() : value);
    return String.format(
        "RouterConfig[name=%s, primaryUrl=%s, replicas=%s, username=%s, password=%s,"
            + " connectionProperties=%s, primaryPool=%s, replicaPool=%s, balancing=%s,"
            + " fallbackToPrimary=%s, maxReplicaLag=%s, healthCheckInterval=%s,"
            + " readmitAfterSuccesses=%s, readRetry=%s, discoverySeeds=%s,"
            + " discoveryDatabase=%s, topologyRefresh=%s, writeConcern=%s,"
            + " replicationTimeout=%s, consistency=%s, causalReadTimeout=%s]",
        name,
        JdbcUrl.masked(primaryUrl),
        replicas,
        username,
        password,
        shownProperties,
        primaryPool,
        replicaPool,
        balancing.key(),
        fallbackToPrimary,
        maxReplicaLag.map(Durations::format).orElse("(not checked)"),
        Durations.format(healthCheckInterval),
        readmitAfterSuccesses,
        readRetry,
        discoverySeeds,
        discoveryDatabase,
        Durations.format(topologyRefresh),
        writeConcern.key(),
        Durations.format(replicationTimeout),
        consistency.key(),
        Durations.format(causalReadTimeout));
  }

  static boolean isSecret(String propertyName) {
    return propertyName.toLowerCase(Locale.ROOT).contains("password");
  }

  /** Starts from the defaults; only the primary URL and the username have none. */
  public static final class Builder {
    private String name;
    private String primaryUrl;
    private final List<ReplicaConfig> replicas = new ArrayList<>();
    private String username;
    private Secret password = Secret.empty();
    private final Map<String, String> connectionProperties = new LinkedHashMap<>();
    private PoolSettings primaryPool = PoolSettings.DEFAULTS;
    private PoolSettings replicaPool = PoolSettings.DEFAULTS;
    private boolean poolsShared = true; // then problems name pool.*, as the user wrote it
    private Balancing balancing = DEFAULT_BALANCING;
    private boolean fallbackToPrimary = DEFAULT_FALLBACK_TO_PRIMARY;
    private Duration maxReplicaLag;
    private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
    private int readmitAfterSuccesses = DEFAULT_READMIT_AFTER_SUCCESSES;
    private boolean readRetry = DEFAULT_READ_RETRY;
    private final List<String> discoverySeeds = new ArrayList<>();
    private String discoveryDatabase = "";
    private Duration topologyRefresh = DEFAULT_TOPOLOGY_REFRESH;
    private WriteConcern writeConcern = DEFAULT_WRITE_CONCERN;
    private Duration replicationTimeout = DEFAULT_REPLICATION_TIMEOUT;
    private Consistency consistency = DEFAULT_CONSISTENCY;
    private Duration causalReadTimeout = DEFAULT_CAUSAL_READ_TIMEOUT;

    private Builder() {}

    /** Names the data source in thread names and JMX; {@code null} means {@code understudy-<n>}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * The primary's JDBC URL; every write goes there. Required unless the topology is discovered.
     */
    public Builder primaryUrl(String primaryUrl) {
      this.primaryUrl = primaryUrl;
      return this;
    }

    /** Replaces the replicas with these URLs, each of weight 1. None: reads go to the primary. */
    public Builder replicaUrls(String... urls) {
      return replicaUrls(List.of(urls));
    }

    /** Replaces the replicas with these URLs, each of weight 1. None: reads go to the primary. */
    public Builder replicaUrls(List<String> urls) {
      replicas.clear();
      urls.forEach(url -> replicas.add(ReplicaConfig.of(url)));
      return this;
    }

    /** Adds one replica; weight 0 drains it (no new reads). */
    public Builder replica(String url, int weight) {
      replicas.add(new ReplicaConfig(url, weight));
      return this;
    }

    /** The database user on every node. Required. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** That user's password; {@code null} means none. */
    public Builder password(String password) {
      this.password = Secret.of(password);
      return this;
    }

    /** A driver property for every node's connections, such as {@code sslMode}. */
    public Builder connectionProperty(String name, String value) {
      connectionProperties.put(name, value);
      return this;
    }

    /** The pool settings of both the primary and the replicas. */
    public Builder pool(PoolSettings settings) {
      this.primaryPool = requireNonNull(settings, "pool");
      this.replicaPool = settings;
      this.poolsShared = true;
      return this;
    }

    public Builder primaryPool(PoolSettings settings) {
      this.primaryPool = requireNonNull(settings, "primaryPool");
      this.poolsShared = false;
      return this;
    }

    /** The settings of each replica's pool (one pool per replica). */
    public Builder replicaPool(PoolSettings settings) {
      this.replicaPool = requireNonNull(settings, "replicaPool");
      this.poolsShared = false;
      return this;
    }

    public Builder balancing(Balancing balancing) {
      this.balancing = requireNonNull(balancing, "balancing");
      return this;
    }

    /** Whether reads go to the primary when no replica can take them, rather than failing. */
    public Builder fallbackToPrimary(boolean fallbackToPrimary) {
      this.fallbackToPrimary = fallbackToPrimary;
      return this;
    }

    /** Replicas further behind than this get no reads; {@code null} (the default): not checked. */
    public Builder maxReplicaLag(Duration maxReplicaLag) {
      this.maxReplicaLag = maxReplicaLag;
      return this;
    }

    /** How often each node is probed. */
    public Builder healthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = requireNonNull(healthCheckInterval, "healthCheckInterval");
      return this;
    }

    /** Successful probes in a row before an excluded replica gets reads again. */
    public Builder readmitAfterSuccesses(int readmitAfterSuccesses) {
      this.readmitAfterSuccesses = readmitAfterSuccesses;
      return this;
    }

    /** Whether a failed autocommit read is retried once on another replica. */
    public Builder readRetry(boolean readRetry) {
      this.readRetry = readRetry;
      return this;
    }

    /**
     * Discovers the topology from the nodes instead of configuring it: {@code host[:port]} of some
     * of them (port 3306 if none); the rest are learned from the topology they publish. Replaces
     * earlier seeds; excludes {@link #primaryUrl} and {@link #replicaUrls}.
     */
    public Builder discoverySeeds(String... hostPorts) {
      return discoverySeeds(List.of(hostPorts));
    }

    /** As {@link #discoverySeeds(String...)}. */
    public Builder discoverySeeds(List<String> hostPorts) {
      discoverySeeds.clear();
      discoverySeeds.addAll(hostPorts);
      return this;
    }

    /** The default database on discovered nodes' connections; {@code null} or empty: none. */
    public Builder discoveryDatabase(String database) {
      this.discoveryDatabase = database == null ? "" : database;
      return this;
    }

    /** How often a discovering router reads the topology again; ignored without discovery. */
    public Builder topologyRefresh(Duration topologyRefresh) {
      this.topologyRefresh = requireNonNull(topologyRefresh, "topologyRefresh");
      return this;
    }

    /** When a write returns: once the primary committed it, or once a replica applied it too. */
    public Builder writeConcern(WriteConcern writeConcern) {
      this.writeConcern = requireNonNull(writeConcern, "writeConcern");
      return this;
    }

    /** How long a replicated write waits for a replica before it fails with SQLState UR001. */
    public Builder replicationTimeout(Duration replicationTimeout) {
      this.replicationTimeout = requireNonNull(replicationTimeout, "replicationTimeout");
      return this;
    }

    /** Whether a connection's reads see its own writes (docs/routing.md, Read your writes). */
    public Builder consistency(Consistency consistency) {
      this.consistency = requireNonNull(consistency, "consistency");
      return this;
    }

    /** How long a read that must see a write waits for a replica before going to the primary. */
    public Builder causalReadTimeout(Duration causalReadTimeout) {
      this.causalReadTimeout = requireNonNull(causalReadTimeout, "causalReadTimeout");
      return this;
    }

    /**
     * Checks the configuration and starts a data source on it: the short way from {@link
     * ReplicatedDataSource#builder()} to a running router.
     *
     * @throws RouterConfigException listing every broken rule
     */
    public ReplicatedDataSource buildDataSource() {
      return new ReplicatedDataSource(build());
    }

    /**
     * @throws RouterConfigException listing every broken rule
     */
    public RouterConfig build() {
      return build(UnaryOperator.identity(), List.of());
    }

    /**
     * Checks every rule, reporting {@code earlierProblems} first and naming fields through {@code
     * keyNames}, so that a properties file gets its own keys back in the messages.
     */
    RouterConfig build(UnaryOperator<String> keyNames, Collection<String> earlierProblems) {
      Problems problems = new Problems(keyNames);
      problems.addAll(earlierProblems);
      if (name != null && !NAME.matcher(name).matches()) {
        problems.add("name", name, "must be letters, digits, '_', '.' or '-'");
      }
      DiscoveryRules.checkTopology(
          primaryUrl, replicas, discoverySeeds, discoveryDatabase.strip(), problems);
      for (int i = 0; i < replicas.size(); i++) {
        int weight = replicas.get(i).weight();
        if (weight < 0) {
          problems.add("replicas[" + i + "].weight", "" + weight, "must be 0 (drained) or more");
        }
      }
      if (username == null || username.isBlank()) {
        problems.add("username", "is required");
      }
      connectionProperties.forEach((key, value) -> checkConnectionProperty(key, value, problems));
      if (maxReplicaLag != null && (maxReplicaLag.isNegative() || maxReplicaLag.isZero())) {
        problems.add(
            "maxReplicaLag",
            Durations.format(maxReplicaLag),
            "must be more than 0; leave it unset not to check lag");
      }
      if (healthCheckInterval.compareTo(MIN_HEALTH_CHECK_INTERVAL) < 0) {
        String min = Durations.format(MIN_HEALTH_CHECK_INTERVAL);
        problems.add(
            "healthCheckInterval",
            Durations.format(healthCheckInterval),
            "must be at least " + min);
      }
      if (topologyRefresh.compareTo(MIN_TOPOLOGY_REFRESH) < 0) {
        problems.add(
            "topologyRefresh",
            Durations.format(topologyRefresh),
            "must be at least " + Durations.format(MIN_TOPOLOGY_REFRESH));
      }
      if (replicationTimeout.isNegative() || replicationTimeout.isZero()) {
        problems.add(
            "replicationTimeout",
            Durations.format(replicationTimeout),
            "must be more than 0; use writeConcern async not to wait");
      }
      if (causalReadTimeout.isNegative()) {
        problems.add("causalReadTimeout", Durations.format(causalReadTimeout), "must be 0 or more");
      }
      if (readmitAfterSuccesses < 1) {
        problems.add("readmitAfterSuccesses", "" + readmitAfterSuccesses, "must be at least 1");
      }
      primaryPool.validate(poolsShared ? "pool." : "primaryPool.", problems);
      replicaPool.validate(poolsShared ? "pool." : "replicaPool.", problems);
      problems.throwIfAny();
      return new RouterConfig(
          name != null ? name : NAME_PREFIX + UNNAMED.incrementAndGet(),
          primaryUrl,
          replicas,
          username,
          password,
          connectionProperties,
          primaryPool,
          replicaPool,
          balancing,
          fallbackToPrimary,
          Optional.ofNullable(maxReplicaLag),
          healthCheckInterval,
          readmitAfterSuccesses,
          readRetry,
          DiscoveryRules.nodes(discoverySeeds),
          discoveryDatabase.strip(),
          topologyRefresh,
          writeConcern,
          replicationTimeout,
          consistency,
          causalReadTimeout);
    }

    private static void checkConnectionProperty(String key, String value, Problems problems) {
      if (key == null || key.isBlank()) {
        problems.add("connectionProperties", "property names must not be blank");
      } else if (key.equalsIgnoreCase("user") || key.equalsIgnoreCase("password")) {
        problems.add(
            "connectionProperties." + key, "is set from username and password; set those instead");
      } else if (value == null) {
        problems.add("connectionProperties." + key, "must have a value");
      }
    }
  }
}
