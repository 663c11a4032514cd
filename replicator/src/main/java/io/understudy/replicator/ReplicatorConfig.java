package io.understudy.replicator;

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
 */
public record ReplicatorConfig(
    Endpoint primary,
    List<Endpoint> replicas,
    String user,
    String password,
    long serverId,
    int queueCapacity) {

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
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid replicator configuration: " + problems);
    }
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
        + "]";
  }
}
