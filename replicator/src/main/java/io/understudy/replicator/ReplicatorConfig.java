package io.understudy.replicator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Replicator} follows and feeds.
 *
 * @param primary the node whose binlog is captured
 * @param replicas the nodes every source transaction is applied to
 * @param user the replicator's database user (grants: docs/testkit.md)
 * @param password never shown by {@link #toString()}
 * @param serverId the id the main binlog client announces; the catch-up captures of replicas take
 *     the next ones ({@link #catchUpServerId}), all unique among servers and binlog clients
 * @param queueCapacity transactions that may wait per replica
 * @param heartbeatInterval how often {@code understudy.heartbeat} is written on the primary, which
 *     is the resolution of the replicas' measured lag (10ms .. 1m)
 * @param detachAfter how long a replica's full queue may hold the stream back before that replica
 *     leaves it and catches up on its own (100ms .. 10m; see docs/replication.md, "Fan-out")
 * @param filter which schemas and tables replicate; {@link ReplicationFilter#all()} by default
 */
public record ReplicatorConfig(
    Endpoint primary,
    List<Endpoint> replicas,
    String user,
    String password,
    long serverId,
    int queueCapacity,
    Duration heartbeatInterval,
    Duration detachAfter,
    ReplicationFilter filter) {

  /** As docs/routing.md promises the routers. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(500);

  /** Long enough to ride out a replica's commit stall, short enough to bound the others' delay. */
  public static final Duration DEFAULT_DETACH_AFTER = Duration.ofSeconds(5);

  private static final Duration MIN_DETACH_AFTER = Duration.ofMillis(100);
  private static final Duration MAX_DETACH_AFTER = Duration.ofMinutes(10);
  private static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);
  private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);

  /** A database node: a name for logs, its address, and a JDBC URL without a default schema. */
  public record Endpoint(String name, String host, int port) {

    public String jdbcUrl() {
      return "jdbc:mysql://" + host + ":" + port + "/";
    }
  }

  public ReplicatorConfig {
    Objects.requireNonNull(primary, "primary");
    replicas = List.copyOf(replicas);
    List<String> problems = new ArrayList<>();
    if (replicas.isEmpty()) {
      problems.add("replicas: at least one is needed");
    }
    if (user == null || user.isBlank()) {
      problems.add("user: is required");
    }
    if (queueCapacity < 1) {
      problems.add("queueCapacity=" + queueCapacity + ": must be at least 1");
    }
    if (heartbeatInterval == null) {
      problems.add("heartbeatInterval: is required");
    } else if (heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0
        || heartbeatInterval.compareTo(MAX_HEARTBEAT_INTERVAL) > 0) {
      problems.add(
          "heartbeatInterval="
              + heartbeatInterval.toMillis()
              + "ms: must be between 10ms (more often floods the binlog) and 1m (lag measured"
              + " no finer than this)");
    }
    if (detachAfter == null) {
      problems.add("detachAfter: is required");
    } else if (detachAfter.compareTo(MIN_DETACH_AFTER) < 0
        || detachAfter.compareTo(MAX_DETACH_AFTER) > 0) {
      problems.add(
          "detachAfter="
              + detachAfter.toMillis()
              + "ms: must be between 100ms (shorter detaches replicas on ordinary commit stalls)"
              + " and 10m (the other replicas wait this long for a stuck one)");
    }
    if (filter == null) {
      problems.add("filter: is required (ReplicationFilter.all() replicates every user schema)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid replicator configuration: " + problems);
    }
  }

  /**
   * With the defaults: {@link #DEFAULT_DETACH_AFTER}, every user schema ({@link
   * ReplicationFilter#all()}).
   */
  public ReplicatorConfig(
      Endpoint primary,
      List<Endpoint> replicas,
      String user,
      String password,
      long serverId,
      int queueCapacity,
      Duration heartbeatInterval) {
    this(
        primary,
        replicas,
        user,
        password,
        serverId,
        queueCapacity,
        heartbeatInterval,
        DEFAULT_DETACH_AFTER,
        ReplicationFilter.all());
  }

  /** With the default heartbeat interval, {@link #DEFAULT_HEARTBEAT_INTERVAL}, and the above. */
  public ReplicatorConfig(
      Endpoint primary,
      List<Endpoint> replicas,
      String user,
      String password,
      long serverId,
      int queueCapacity) {
    this(primary, replicas, user, password, serverId, queueCapacity, DEFAULT_HEARTBEAT_INTERVAL);
  }

  /** The same configuration, replicating what {@code filter} allows. */
  public ReplicatorConfig filtering(ReplicationFilter value) {
    return new ReplicatorConfig(
        primary,
        replicas,
        user,
        password,
        serverId,
        queueCapacity,
        heartbeatInterval,
        detachAfter,
        value);
  }

  /** The same configuration with another {@link #detachAfter}. */
  public ReplicatorConfig withDetachAfter(Duration value) {
    return new ReplicatorConfig(
        primary,
        replicas,
        user,
        password,
        serverId,
        queueCapacity,
        heartbeatInterval,
        value,
        filter);
  }

  /**
   * The server id of the catch-up capture of the replica at {@code index}: each capture needs its
   * own, so a replicator uses {@code serverId} up to {@code serverId + replicas}.
   */
  public long catchUpServerId(int index) {
    return serverId + 1 + index;
  }

  @Override
  public String toString() {
    return "ReplicatorConfig[primary="
        + primary
        + ", replicas="
        + replicas
        + ", user="
        + user
        + ", password=****, serverId="
        + serverId
        + ", queueCapacity="
        + queueCapacity
        + ", heartbeatInterval="
        + heartbeatInterval.toMillis()
        + "ms, detachAfter="
        + detachAfter.toMillis()
        + "ms, filter="
        + filter
        + "]";
  }
}
