package io.understudy.router.internal.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what discovery rounds find once per change, not once per round: a node down for an hour is
 * one warning when it goes and one line when it comes back.
 */
final class DiscoveryLog {

  private static final Logger log = LoggerFactory.getLogger(DiscoveringTopologySource.class);

  private final String dataSource;
  private final Map<String, String> failures = new HashMap<>();
  private Set<String> problems = Set.of();
  private Set<String> stale = Set.of();

  DiscoveryLog(String dataSource) {
    this.dataSource = dataSource;
  }

  void round(List<Reading> readings, EpochChoice.Decision decision) {
    for (Reading reading : readings) {
      if (reading instanceof Reading.Failed failed) {
        String before = failures.put(failed.node(), failed.reason());
        if (!failed.reason().equals(before)) {
          log.warn(
              "{}: cannot read the topology from {}: {}",
              dataSource,
              failed.node(),
              failed.reason());
        }
      } else if (failures.remove(reading.node()) != null) {
        log.info("{}: reads the topology from {} again", dataSource, reading.node());
      }
    }
    Set<String> nowProblems = new HashSet<>(decision.problems());
    for (String problem : nowProblems) {
      if (!problems.contains(problem)) {
        log.warn("{}: {}", dataSource, problem);
      }
    }
    problems = nowProblems;
    Set<String> nowStale = new HashSet<>(decision.stale());
    if (!nowStale.equals(stale) && !nowStale.isEmpty()) {
      log.info("{}: ignoring nodes with an older topology epoch: {}", dataSource, decision.stale());
    }
    stale = nowStale;
  }
}
