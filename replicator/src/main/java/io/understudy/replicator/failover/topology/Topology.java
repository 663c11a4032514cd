package io.understudy.replicator.failover.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is primary in one epoch, and who else belongs to the cluster: the value the monitor publishes
 * on every node ({@code understudy.topology} and {@code topology_member}) and routers trust when it
 * is the highest epoch they can read. The epoch is the fencing token: whatever acts on behalf of an
 * epoch is outranked by anything holding a higher one.
 *
 * <p>Valid by construction: epoch at least 1, at least one member, unique names, exactly one
 * primary, and every value fits its column, so a topology that reached a node's tables can always
 * be read back.
 *
 * @param epoch increases with every change
 * @param members every node of the cluster, in the order given
 * @param reason why this epoch began, for people reading the history (at most 1024 characters)
 */
public record Topology(long epoch, List<Member> members, String reason) {

  static final int MAX_NAME = 64;
  static final int MAX_HOST = 255;
  static final int MAX_REASON = 1024;

  public Topology {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(reason, "reason");
    members = List.copyOf(members);
    List<String> problems = problems(epoch, members, reason);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid topology (epoch " + epoch + "): " + String.join("; ", problems));
    }
  }

  /** The member whose role is {@link Role#PRIMARY}; there is always exactly one. */
  public Member primary() {
    return members.stream().filter(m -> m.role() == Role.PRIMARY).findFirst().orElseThrow();
  }

  /** The member named {@code name}, if it belongs to this topology. */
  public Optional<Member> member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The members that have {@code role}, in order. */
  public List<Member> membersWith(Role role) {
    return members.stream().filter(m -> m.role() == role).toList();
  }

  /**
   * The epoch after this one, in which {@code newPrimary} (a replica now) is primary and the
   * current primary is fenced; every other member keeps its role.
   *
   * @throws IllegalArgumentException if {@code newPrimary} is no member, or is not a replica
   */
  public Topology next(String newPrimary, String reason) {
    Member candidate =
        member(newPrimary)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot promote '"
                            + newPrimary
                            + "': no member of epoch "
                            + epoch
                            + " has that name; members are "
                            + members.stream().map(Member::name).toList()));
    if (candidate.role() != Role.REPLICA) {
      throw new IllegalArgumentException(
          "cannot promote '"
              + newPrimary
              + "': it is "
              + candidate.role().sqlName()
              + " in epoch "
              + epoch
              + ", and only a replica can become primary");
    }
    List<Member> moved = new ArrayList<>(members.size());
    for (Member member : members) {
      if (member.role() == Role.PRIMARY) {
        moved.add(member.withRole(Role.FENCED));
      } else if (member.name().equals(newPrimary)) {
        moved.add(member.withRole(Role.PRIMARY));
      } else {
        moved.add(member);
      }
    }
    return new Topology(Math.addExact(epoch, 1), moved, reason);
  }

  private static List<String> problems(long epoch, List<Member> members, String reason) {
    List<String> problems = new ArrayList<>();
    if (epoch < 1) {
      problems.add("epoch must be at least 1");
    }
    if (members.isEmpty()) {
      problems.add("it needs at least one member");
    }
    if (reason.isBlank() || length(reason) > MAX_REASON) {
      problems.add("reason must be 1 to " + MAX_REASON + " characters");
    }
    Set<String> names = new HashSet<>();
    List<String> primaries = new ArrayList<>();
    for (Member member : members) {
      if (!names.add(member.name())) {
        problems.add("member name '" + member.name() + "' appears twice");
      }
      if (member.name().isEmpty() || length(member.name()) > MAX_NAME) {
        problems.add(
            "member name '" + member.name() + "' must be 1 to " + MAX_NAME + " characters");
      }
      if (member.host().isEmpty() || length(member.host()) > MAX_HOST) {
        problems.add("host of '" + member.name() + "' must be 1 to " + MAX_HOST + " characters");
      }
      if (member.port() < 1 || member.port() > 65_535) {
        problems.add("port of '" + member.name() + "' must be 1..65535, not " + member.port());
      }
      if (member.role() == Role.PRIMARY) {
        primaries.add(member.name());
      }
    }
    if (primaries.size() != 1 && !members.isEmpty()) {
      problems.add("exactly one member must be primary, found " + primaries);
    }
    return problems;
  }

  /** Characters as MariaDB counts them in a utf8mb4 VARCHAR: code points, not UTF-16 units. */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
