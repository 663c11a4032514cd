package io.understudy.router;

import java.util.List;

/**
 * A data source configured with {@code understudy.discovery.seeds} found no topology to route on
 * when it was built. The message names every node asked and what went wrong there.
 */
public final class TopologyUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param problems one line per node asked, {@code host:port: what went wrong}
   */
  public TopologyUnavailableException(
      String dataSource, List<String> seeds, List<String> problems) {
    super(message(dataSource, seeds, problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per node asked: {@code host:port: what went wrong}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String dataSource, List<String> seeds, List<String> problems) {
    return dataSource
        + ": no topology to route on; asked the seeds "
        + String.join(", ", seeds)
        + " and every node they named:\n - "
        + String.join("\n - ", problems)
        + "\nCheck that the seeds are reachable and that the router's user may SELECT on"
        + " understudy.*; run the replicator once so that it publishes a topology; or configure"
        + " understudy.primary.url and understudy.replicas instead of understudy.discovery.seeds.";
  }
}
