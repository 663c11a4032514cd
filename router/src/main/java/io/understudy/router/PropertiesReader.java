package io.understudy.router;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Turns {@code understudy.*} properties into a {@link RouterConfig}, dispatching on {@link
 * ConfigKey}. Unreadable values and unknown keys are collected with the builder's own problems, so
 * that one exception reports everything, each problem under the key the user wrote.
 */
final class PropertiesReader {
  static final String PREFIX = "understudy.";
  static final String POOL_PREFIX = "understudy.pool.";
  static final String PRIMARY_POOL_PREFIX = "understudy.primary.pool.";
  static final String REPLICA_POOL_PREFIX = "understudy.replica.pool.";
  // A comma starts another URL only before "jdbc:": driver properties in a URL may hold commas.
  private static final Pattern URL_SEPARATOR = Pattern.compile(",(?=\\s*jdbc:)");

  private final Properties properties;
  private final Set<String> keys;
  private final RouterConfig.Builder config = RouterConfig.builder();
  private final PoolSettings.Builder primaryPool = PoolSettings.builder();
  private final PoolSettings.Builder replicaPool = PoolSettings.builder();
  private final Problems problems = new Problems(UnaryOperator.identity());
  private List<String> replicaUrls = List.of();
  // Weights wait here for the list of replicas, which may be read after them.
  private final Map<Integer, Integer> weights = new TreeMap<>();

  /** What a {@link ConfigKey} sets: the configuration, and for pool keys one pool. */
  record Target(PropertiesReader reader, PoolSettings.Builder pool) {
    RouterConfig.Builder config() {
      return reader.config;
    }
  }

  /**
   * One property's value, readable as each type; a value that does not read records a problem and
   * comes back empty. {@code wildcard} is what the key has in place of a {@code <placeholder>}.
   */
  record Value(String key, String raw, String wildcard, Problems problems) {
    String text() {
      return raw.strip();
    }

    Optional<Boolean> bool() {
      String text = text().toLowerCase(Locale.ROOT);
      return text.equals("true") || text.equals("false")
          ? Optional.of(Boolean.valueOf(text))
          : invalid("must be true or false");
    }

    Optional<Integer> integer() {
      try {
        return Optional.of(Integer.valueOf(text()));
      } catch (NumberFormatException e) {
        return invalid("must be a whole number");
      }
    }

    Optional<Duration> duration() {
      try {
        return Optional.of(Durations.parse(text()));
      } catch (IllegalArgumentException e) {
        return invalid(e.getMessage());
      }
    }

    Optional<Balancing> balancing() {
      Optional<Balancing> balancing = Balancing.named(text());
      return balancing.isPresent() ? balancing : invalid("must be one of " + Balancing.allowed());
    }

    Optional<WriteConcern> writeConcern() {
      Optional<WriteConcern> concern = WriteConcern.named(text());
      return concern.isPresent() ? concern : invalid("must be one of " + WriteConcern.allowed());
    }

    Optional<Consistency> consistency() {
      Optional<Consistency> consistency = Consistency.named(text());
      return consistency.isPresent()
          ? consistency
          : invalid("must be one of " + Consistency.allowed());
    }

    private <T> Optional<T> invalid(String rule) {
      problems.add(key, text(), rule);
      return Optional.empty();
    }
  }

  PropertiesReader(Properties properties) {
    this.properties = properties;
    this.keys = properties.stringPropertyNames();
  }

  RouterConfig read() {
    List<String> ours = keys.stream().filter(key -> key.startsWith(PREFIX)).sorted().toList();
    // Shared keys first, so that a side's own pool keys win over understudy.pool.* in any order.
    List<PoolSettings.Builder> bothPools = List.of(primaryPool, replicaPool);
    ours.stream().filter(key -> side(key) == null).forEach(key -> apply(key, key, bothPools));
    for (String key : ours) {
      String side = side(key);
      if (side != null) {
        String shared = POOL_PREFIX + key.substring(side.length());
        apply(key, shared, List.of(side.equals(PRIMARY_POOL_PREFIX) ? primaryPool : replicaPool));
      }
    }
    addReplicas();
    config.primaryPool(primaryPool.build()).replicaPool(replicaPool.build());
    return config.build(this::keyOf, problems.messages());
  }

  void replicas(Value value) {
    String text = value.text();
    replicaUrls =
        text.isEmpty()
            ? List.of()
            : Arrays.stream(URL_SEPARATOR.split(text, -1)).map(String::strip).toList();
  }

  void discoverySeeds(Value value) {
    String text = value.text();
    config.discoverySeeds(
        text.isEmpty()
            ? List.of()
            : Arrays.stream(text.split(",", -1)).map(String::strip).toList());
  }

  void replicaWeight(Value value) {
    if (!value.wildcard().chars().allMatch(Character::isDigit) || value.wildcard().length() > 6) {
      problems.add(
          value.key(),
          "is not a known key: <index> must be a number, counting from 0 in understudy.replicas");
      return;
    }
    value.integer().ifPresent(weight -> weights.put(Integer.valueOf(value.wildcard()), weight));
  }

  /** The per-side pool prefix {@code key} starts with, or {@code null}. */
  private static String side(String key) {
    return key.startsWith(PRIMARY_POOL_PREFIX)
        ? PRIMARY_POOL_PREFIX
        : key.startsWith(REPLICA_POOL_PREFIX) ? REPLICA_POOL_PREFIX : null;
  }

  /** Applies {@code key}, which reads as {@code tableKey} in the table, to {@code pools}. */
  private void apply(String key, String tableKey, List<PoolSettings.Builder> pools) {
    Optional<ConfigKey> entry = ConfigKey.matching(tableKey);
    if (entry.isEmpty()) {
      // The value is not shown: a mistyped understudy.password would otherwise be printed.
      problems.add(key, "is not a known key" + suggestionFor(key));
      return;
    }
    Value value =
        new Value(key, properties.getProperty(key), entry.get().wildcard(tableKey), problems);
    if (entry.get().isPoolSetting()) {
      pools.forEach(pool -> entry.get().set(new Target(this, pool), value));
    } else {
      entry.get().set(new Target(this, null), value);
    }
  }

  private void addReplicas() {
    for (int i = 0; i < replicaUrls.size(); i++) {
      config.replica(replicaUrls.get(i), weights.getOrDefault(i, ReplicaConfig.DEFAULT_WEIGHT));
    }
    weights.forEach(
        (index, weight) -> {
          if (index >= replicaUrls.size()) {
            String rule = "understudy.replicas has no entry " + index;
            problems.add(
                ConfigKey.REPLICA_WEIGHT.with("" + index),
                "" + weight,
                rule + " (it lists " + replicaUrls.size() + ", counting from 0)");
          }
        });
  }

  /** The key the user wrote, or would write, for a field path of {@link RouterConfig.Builder}. */
  private String keyOf(String field) {
    int dot = field.indexOf('.');
    String head = dot < 0 ? field : field.substring(0, dot);
    String setting = dot < 0 ? "" : field.substring(dot + 1);
    if (head.equals("primaryPool") || head.equals("replicaPool")) {
      String own =
          (head.equals("primaryPool") ? PRIMARY_POOL_PREFIX : REPLICA_POOL_PREFIX) + setting;
      return keys.contains(own) ? own : POOL_PREFIX + setting;
    }
    if (head.equals("pool")) {
      return POOL_PREFIX + setting;
    }
    if (head.equals("primaryUrl")) {
      return PREFIX + "primary.url";
    }
    if (head.equals("connectionProperties")) {
      return ConfigKey.CONNECTION_PROPERTY.with(dot < 0 ? "*" : setting);
    }
    if (head.startsWith("replicas[") && setting.equals("weight")) {
      return ConfigKey.REPLICA_WEIGHT.with(head.substring("replicas[".length(), head.length() - 1));
    }
    return PREFIX + field;
  }

  private static String suggestionFor(String unknown) {
    Comparator<String> nearest = Comparator.comparingInt(known -> editDistance(unknown, known));
    return ConfigKey.literalKeys()
        .filter(known -> editDistance(unknown, known) <= 2)
        .min(nearest)
        .map(known -> "; did you mean " + known + "?")
        .orElse("; the keys are listed in docs/configuration.md");
  }

  /** Levenshtein distance: insertions, deletions and substitutions, one each. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
