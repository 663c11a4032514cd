package io.understudy.daemon.config;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.ReplicatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's validated configuration (docs/daemon.md has every key). Built only by {@link
 * ConfigLoader}; secrets are {@link Secret}s, so printing this record shows no password or token.
 *
 * @param nodes every database node, the primary among them
 * @param admin where the admin HTTP server listens and the token its mutating endpoints ask for
 */
public record DaemonConfig(
    List<Node> nodes,
    String user,
    Secret password,
    long serverId,
    int queueCapacity,
    Duration heartbeatInterval,
    Duration detachAfter,
    ReplicationFilter filter,
    Admin admin) {

  /** One database node of the file's {@code nodes} list. */
  public record Node(String name, String host, int port, boolean primary) {

    ReplicatorConfig.Endpoint endpoint() {
      return new ReplicatorConfig.Endpoint(name, host, port);
    }

    public String jdbcUrl() {
      return endpoint().jdbcUrl();
    }
  }

  /**
   * @param token the bearer token of mutating endpoints; empty = they refuse every request
   */
  public record Admin(String bind, int port, Optional<Secret> token) {}

  public DaemonConfig {
    nodes = List.copyOf(nodes);
  }

  public Node primary() {
    return nodes.stream().filter(Node::primary).findFirst().orElseThrow();
  }

  public List<Node> replicas() {
    return nodes.stream().filter(node -> !node.primary()).toList();
  }

  /** What the {@link io.understudy.replicator.Replicator} is started with. */
  public ReplicatorConfig replicatorConfig() {
    return new ReplicatorConfig(
        primary().endpoint(),
        replicas().stream().map(Node::endpoint).toList(),
        user,
        password.reveal(),
        serverId,
        queueCapacity,
        heartbeatInterval,
        detachAfter,
        filter);
  }
}
