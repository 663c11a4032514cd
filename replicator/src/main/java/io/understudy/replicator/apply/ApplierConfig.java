package io.understudy.replicator.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ReplicaApplier} reaches its replica and paces itself. Build with {@link #builder()},
 * which reports every problem at once.
 *
 * @param replica the replica's name, for thread names, logs and errors
 * @param jdbcUrl a Connector/J URL of the replica ({@code jdbc:mysql://host:port/}); the applier
 *     adds the properties it needs
 * @param queueCapacity transactions that may wait for this replica before {@code put} blocks
 * @param maxQueuedChanges row changes that may wait for this replica, summed over the queued
 *     transactions: a bound on memory that holds however large the transactions are (one larger
 *     than the whole budget still passes, alone)
 * @param maxGroupSize source transactions that may share one replica commit when a backlog exists
 * @param initialBackoff the first wait before reconnecting; doubled on each failure
 * @param maxBackoff the longest wait between reconnect attempts
 * @param socketTimeout how long a statement may wait for the replica's answer before the connection
 *     counts as lost; zero waits forever (a large ALTER may take long)
 */
public record ApplierConfig(
    String replica,
    String jdbcUrl,
    String user,
    String password,
    int queueCapacity,
    int maxQueuedChanges,
    int maxGroupSize,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration socketTimeout) {

  /** The connection properties the applier relies on; see docs/replication.md, "Apply". */
  static final String CONNECTION_PROPERTIES =
      "rewriteBatchedStatements=true&cachePrepStmts=true&characterEncoding=UTF-8"
          + "&tcpKeepAlive=true&connectTimeout=5000";

  /**
   * Twice the largest group ({@code ReplicaApplier}'s 10,000 changes), so that one group can be
   * applied while the next waits; at the ~2.8 KB a queued row change costs, about 56 MB.
   */
  public static final int DEFAULT_MAX_QUEUED_CHANGES = 20_000;

  public static Builder builder() {
    return new Builder();
  }

  /** {@link #jdbcUrl()} with the applier's connection properties. */
  String connectionUrl() {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    return jdbcUrl
        + separator
        + CONNECTION_PROPERTIES
        + "&socketTimeout="
        + socketTimeout.toMillis();
  }

  @Override
  public String toString() {
    return "ApplierConfig[replica=%s, jdbcUrl=%s, user=%s, password=****, queueCapacity=%d, maxQueuedChanges=%d, maxGroupSize=%d, initialBackoff=%s, maxBackoff=%s, socketTimeout=%s]"
        .formatted(
            replica,
            jdbcUrl,
            user,
            queueCapacity,
            maxQueuedChanges,
            maxGroupSize,
            initialBackoff,
            maxBackoff,
            socketTimeout);
  }

  /** Collects settings; {@link #build()} checks them all and names every problem. */
  public static final class Builder {
    private String replica;
    private String jdbcUrl;
    private String user;
    private String password;
    private int queueCapacity = 1_000;
    private int maxQueuedChanges = DEFAULT_MAX_QUEUED_CHANGES;
    private int maxGroupSize = 100;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ZERO;

    private Builder() {}

    public Builder replica(String replica) {
      this.replica = replica;
      return this;
    }

    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxQueuedChanges(int maxQueuedChanges) {
      this.maxQueuedChanges = maxQueuedChanges;
      return this;
    }

    /** 1 turns grouping off: one replica commit per source transaction. */
    public Builder maxGroupSize(int maxGroupSize) {
      this.maxGroupSize = maxGroupSize;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
      return this;
    }

    public ApplierConfig build() {
      List<String> problems = new ArrayList<>();
      require(problems, replica != null && !replica.isBlank(), "replica: a name is required");
      require(
          problems,
          jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:"),
          "jdbcUrl: a Connector/J URL (jdbc:mysql://host:port/) is required, got " + jdbcUrl);
      require(problems, user != null && !user.isEmpty(), "user: required");
      require(problems, password != null, "password: required (may be empty)");
      require(problems, queueCapacity > 0, "queueCapacity: must be > 0, got " + queueCapacity);
      require(
          problems, maxQueuedChanges > 0, "maxQueuedChanges: must be > 0, got " + maxQueuedChanges);
      require(problems, maxGroupSize > 0, "maxGroupSize: must be > 0, got " + maxGroupSize);
      boolean backoffsSet = initialBackoff != null && maxBackoff != null;
      require(
          problems,
          backoffsSet && initialBackoff.toMillis() > 0 && maxBackoff.compareTo(initialBackoff) >= 0,
          "backoff: initial must be >= 1ms and max >= initial, got "
              + initialBackoff
              + " and "
              + maxBackoff);
      require(
          problems,
          socketTimeout != null && !socketTimeout.isNegative(),
          "socketTimeout: must be >= 0 (0 = none), got " + socketTimeout);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid applier configuration: " + String.join("; ", problems));
      }
      return new ApplierConfig(
          replica,
          jdbcUrl,
          user,
          Objects.requireNonNull(password),
          queueCapacity,
          maxQueuedChanges,
          maxGroupSize,
          initialBackoff,
          maxBackoff,
          socketTimeout);
    }

    private static void require(List<String> problems, boolean ok, String problem) {
      if (!ok) {
        problems.add(problem);
      }
    }
  }
}
