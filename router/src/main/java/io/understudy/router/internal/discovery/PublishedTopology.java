package io.understudy.router.internal.discovery;

import io.understudy.router.ReplicaConfig;
import io.understudy.router.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One epoch as a node holds it in {@code understudy.topology} and {@code
 * understudy.topology_member}: the contract between the failover monitor, which writes it, and
 * routers, which read it.
 */
public record PublishedTopology(long epoch, String primaryNode, List<Member> members) {

  /** What a member is for in its epoch; a fenced node gets no traffic at all. */
  public enum Role {
    PRIMARY,
    REPLICA,
    FENCED
  }

  /** One node of an epoch, by the name the monitor gives it and where it listens. */
  public record Member(String node, String host, int port, Role role) {

    /** {@code host:port} as the router names nodes: lower case, IPv6 hosts in brackets. */
    public String address() {
      String name = host.toLowerCase(Locale.ROOT);
      return (name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + port;
    }
  }

  public PublishedTopology {
    // Sorted, so that two nodes holding the same epoch compare equal whatever order they return.
    members = members.stream().sorted(Comparator.comparing(Member::node)).toList();
  }

  /** Why a router cannot route on this epoch, or null when it can. */
  public String defect() {
    List<Member> primaries = members.stream().filter(m -> m.role() == Role.PRIMARY).toList();
    if (members.isEmpty()) {
      return "epoch " + epoch + " has no members";
    }
    if (primaries.size() != 1) {
      return "epoch " + epoch + " has " + primaries.size() + " members with role primary, not 1";
    }
    if (!primaries.get(0).node().equals(primaryNode)) {
      return "epoch "
          + epoch
          + " names "
          + primaryNode
          + " as primary_node but "
          + primaries.get(0).node()
          + " has role primary";
    }
    return null;
  }

  /** The members that may take traffic, which are worth asking for newer epochs too. */
  public List<Member> serving() {
    return members.stream().filter(m -> m.role() != Role.FENCED).toList();
  }

  /**
   * The routing view of this epoch: fenced members are left out, every replica has weight 1.
   *
   * @param database the default database of each node's connections; empty for none
   */
  public Topology toTopology(String database) {
    String primaryUrl = null;
    List<ReplicaConfig> replicas = new ArrayList<>();
    for (Member member : members) {
      String url = "jdbc:mysql://" + member.address() + "/" + database;
      switch (member.role()) {
        case PRIMARY -> primaryUrl = url;
        case REPLICA -> replicas.add(ReplicaConfig.of(url));
        case FENCED -> {
          // No traffic: it may still believe it is the primary.
        }
      }
    }
    return new Topology(epoch, primaryUrl, replicas);
  }

  /** One line for logs: the epoch, its primary and its replicas. */
  public String describe() {
    StringBuilder out = new StringBuilder("epoch " + epoch + " (");
    String separator = "";
    for (Member member : members) {
      out.append(separator)
          .append(member.role().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(member.node())
          .append('@')
          .append(member.address());
      separator = ", ";
    }
    return out.append(')').toString();
  }
}
