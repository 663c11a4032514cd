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
 * @param serverId the id the binlog client announces; unique among servers and clients
 * @param queueCapacity transactions that may wait per replica
 * @param heartbeatInterval how often {@code understudy.heartbeat} is written on the primary, which
 *     is the resolution of the replicas' measured lag (10ms .. 1m)
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
    ReplicationFilter filter) {

  /** As docs/routing.md promises the routers. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(500);

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
    if (filter == null) {
      problems.add("filter: is required (ReplicationFilter.all() replicates every user schema)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid replicator configuration: " + problems);
    }
  }

  /** Replicating every user schema ({@link ReplicationFilter#all()}). */
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
        ReplicationFilter.all());
  }

  /** The same configuration, replicating what {@code filter} allows. */
  public ReplicatorConfig filtering(ReplicationFilter filter) {
    return new ReplicatorConfig(
        primary, replicas, user, password, serverId, queueCapacity, heartbeatInterval, filter);
  }

  /** With the default heartbeat interval, {@link #DEFAULT_HEARTBEAT_INTERVAL}. */
  public ReplicatorConfig(
      Endpoint primary,
      List<Endpoint> replicas,
      String user,
      String password,
      long serverId,
      int queueCapacity) {
    this(primary, replicas, user, password, serverId, queueCapacity, DEFAULT_HEARTBEAT_INTERVAL);
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
        + "ms, filter="
        + filter
        + "]";
  }
}
