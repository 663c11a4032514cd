package io.understudy.router.internal.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which epoch a router routes on, given what the nodes said: pure, so every rule is a unit test.
 *
 * <ul>
 *   <li>Only well-formed epochs count: one primary member, the one {@code primary_node} names.
 *   <li>The highest epoch any node holds wins; nodes holding a lower one are stale and ignored.
 *   <li>A router never goes back: an epoch not above the one it routes on changes nothing.
 *   <li>Two nodes holding the same epoch with different contents break the monitor's contract;
 *       neither is trusted, and the router keeps what it has.
 * </ul>
 */
public final class EpochChoice {

  /**
   * @param adopt the epoch to switch to, if any
   * @param problems malformed or conflicting epochs, for the log and the start-up error
   * @param stale nodes that answered with an epoch lower than the newest one
   */
  public record Decision(
      Optional<PublishedTopology> adopt, List<String> problems, List<String> stale) {}

  private EpochChoice() {}

  /**
   * @param routedEpoch the epoch routed on now; negative before the first one
   */
  public static Decision decide(long routedEpoch, List<Reading> readings) {
    List<String> problems = new ArrayList<>();
    Map<String, PublishedTopology> valid = new LinkedHashMap<>();
    for (Reading reading : readings) {
      if (reading instanceof Reading.Found found) {
        String defect = found.topology().defect();
        if (defect == null) {
          valid.put(found.node(), found.topology());
        } else {
          problems.add(found.node() + ": " + defect + "; ignored");
        }
      }
    }
    long newest = valid.values().stream().mapToLong(PublishedTopology::epoch).max().orElse(-1);
    PublishedTopology chosen = null;
    String chosenFrom = null;
    List<String> stale = new ArrayList<>();
    boolean conflict = false;
    for (Map.Entry<String, PublishedTopology> entry : valid.entrySet()) {
      PublishedTopology topology = entry.getValue();
      if (topology.epoch() < newest) {
        stale.add(entry.getKey());
      } else if (chosen == null) {
        chosen = topology;
        chosenFrom = entry.getKey();
      } else if (!chosen.equals(topology) && !conflict) {
        conflict = true;
        problems.add(
            "epoch "
                + newest
                + " differs between "
                + chosenFrom
                + " "
                + chosen.describe()
                + " and "
                + entry.getKey()
                + " "
                + topology.describe()
                + "; neither is trusted until the monitor publishes a newer epoch");
      }
    }
    boolean newer = chosen != null && !conflict && chosen.epoch() > routedEpoch;
    return new Decision(newer ? Optional.of(chosen) : Optional.empty(), problems, stale);
  }
}
