package io.understudy.replicator.failover.topology;

import java.util.Objects;

/**
 * One node of an epoch, as a row of {@code understudy.topology_member}.
 *
 * @param name the node's name, unique within the topology (at most 64 characters)
 * @param host where clients connect (at most 255 characters)
 * @param port the node's TCP port
 * @param role what the node does in this epoch
 */
public record Member(String name, String host, int port, Role role) {

  public Member {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(role, "role");
  }

  /** The same node with another role. */
  public Member withRole(Role newRole) {
    return new Member(name, host, port, newRole);
  }
}
