package io.understudy.router;

import java.time.Duration;

/**
 * The HikariCP settings of each node's pool: the primary's pool uses {@link
 * RouterConfig#primaryPool()}, every replica's pool {@link RouterConfig#replicaPool()}.
 *
 * <p>The rules are HikariCP's own limits. HikariCP answers a value outside them by logging a
 * warning and using another value; the router refuses it instead, so that what is configured is
 * what runs. Nothing is checked here: {@link RouterConfig.Builder#build()} checks the pools along
 * with everything else and reports all problems at once.
 *
 * <p>A {@link Duration#ZERO} {@code idleTimeout}, {@code maxLifetime} or {@code
 * leakDetectionThreshold} turns that feature off, as in HikariCP.
 */
public record PoolSettings(
    int maximumPoolSize,
    int minimumIdle,
    Duration connectionTimeout,
    Duration validationTimeout,
    Duration idleTimeout,
    Duration maxLifetime,
    Duration leakDetectionThreshold) {

  static final Duration MIN_TIMEOUT = Duration.ofMillis(250);
  static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MIN_MAX_LIFETIME = Duration.ofSeconds(30);
  static final Duration MIN_LEAK_DETECTION = Duration.ofSeconds(2);
  // HikariCP turns off an idleTimeout that is not at least this much shorter than maxLifetime.
  private static final Duration IDLE_BEFORE_LIFETIME = Duration.ofSeconds(1);

  /**
   * HikariCP's defaults, except that waiting for a connection gives up after 5s rather than 30s
   * (and validating one after 2s rather than 5s): a node that cannot hand out connections should be
   * noticed while a replica or the primary can still take the read.
   */
  public static final PoolSettings DEFAULTS = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** Records every broken rule; {@code prefix} starts each field path, as in {@code pool.}. */
  void validate(String prefix, Problems problems) {
    if (maximumPoolSize < 1) {
      problems.add(prefix + "maximumPoolSize", "" + maximumPoolSize, "must be at least 1");
    } else if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
      // Checked only against a valid maximum: against a broken one it would repeat that problem.
      problems.add(
          prefix + "minimumIdle",
          "" + minimumIdle,
          "must be between 0 and maximumPoolSize (" + maximumPoolSize + ")");
    }
    Check check = new Check(prefix, problems);
    boolean connectionTimeoutValid =
        check.atLeast("connectionTimeout", connectionTimeout, MIN_TIMEOUT);
    if (check.atLeast("validationTimeout", validationTimeout, MIN_TIMEOUT)
        && connectionTimeoutValid
        && validationTimeout.compareTo(connectionTimeout) >= 0) {
      check.add(
          "validationTimeout",
          validationTimeout,
          "shorter than connectionTimeout",
          connectionTimeout);
    }
    boolean lifetimeLimited =
        check.zeroOrAtLeast("maxLifetime", maxLifetime, MIN_MAX_LIFETIME) && !maxLifetime.isZero();
    // Only a pool that may shrink retires idle connections, and only there HikariCP overrides them.
    boolean shrinks = minimumIdle < maximumPoolSize;
    if (check.zeroOrAtLeast("idleTimeout", idleTimeout, MIN_IDLE_TIMEOUT)
        && lifetimeLimited
        && shrinks
        && !idleTimeout.isZero()
        && idleTimeout.plus(IDLE_BEFORE_LIFETIME).compareTo(maxLifetime) > 0) {
      check.add(
          "idleTimeout", idleTimeout, "0 or at least 1s shorter than maxLifetime", maxLifetime);
    }
    if (check.zeroOrAtLeast("leakDetectionThreshold", leakDetectionThreshold, MIN_LEAK_DETECTION)
        && lifetimeLimited
        && leakDetectionThreshold.compareTo(maxLifetime) > 0) {
      check.add(
          "leakDetectionThreshold",
          leakDetectionThreshold,
          "0 or at most maxLifetime",
          maxLifetime);
    }
  }

  /**
   * Duration rules; each check returns whether the value passed, so later rules can build on it.
   */
  private record Check(String prefix, Problems problems) {
    boolean atLeast(String field, Duration value, Duration min) {
      return present(field, value)
          && passes(field, value, value.compareTo(min) >= 0, "at least", min);
    }

    boolean zeroOrAtLeast(String field, Duration value, Duration min) {
      boolean ok = value != null && (value.isZero() || value.compareTo(min) >= 0);
      return present(field, value) && passes(field, value, ok, "0 or at least", min);
    }

    /** Reports that {@code value} must be "{@code rule} ({@code bound})". */
    void add(String field, Duration value, String rule, Duration bound) {
      problems.add(
          prefix + field,
          Durations.format(value),
          "must be " + rule + " (" + Durations.format(bound) + ")");
    }

    private boolean present(String field, Duration value) {
      if (value == null) {
        problems.add(prefix + field, "must be set");
      }
      return value != null;
    }

    private boolean passes(String field, Duration value, boolean ok, String rule, Duration min) {
      if (!ok) {
        problems.add(
            prefix + field,
            Durations.format(value),
            "must be " + rule + " " + Durations.format(min));
      }
      return ok;
    }
  }

  /** Starts from the defaults; {@link #build()} does not check anything, see the class comment. */
  public static final class Builder {
    private int maximumPoolSize = 10;
    private Integer minimumIdle; // null: follow maximumPoolSize, as HikariCP does
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration validationTimeout = Duration.ofSeconds(2);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration leakDetectionThreshold = Duration.ZERO;

    private Builder() {}

    /** Connections a node's pool holds at most, in use or idle. */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /** Idle connections kept ready; unless set, equal to the maximum (a fixed-size pool). */
    public Builder minimumIdle(int minimumIdle) {
      this.minimumIdle = minimumIdle;
      return this;
    }

    /** How long {@code getConnection()} waits for a free connection before it fails. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** How long a check that a connection is alive may take. */
    public Builder validationTimeout(Duration validationTimeout) {
      this.validationTimeout = validationTimeout;
      return this;
    }

    /** How long a connection above {@code minimumIdle} may sit idle before it is closed. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** The age at which a connection is retired once it is idle. */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = maxLifetime;
      return this;
    }

    /** How long a connection may be out of the pool before a possible leak is logged. */
    public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
      this.leakDetectionThreshold = leakDetectionThreshold;
      return this;
    }

    public PoolSettings build() {
      return new PoolSettings(
          maximumPoolSize,
          minimumIdle == null ? maximumPoolSize : minimumIdle,
          connectionTimeout,
          validationTimeout,
          idleTimeout,
          maxLifetime,
          leakDetectionThreshold);
    }
  }
}
