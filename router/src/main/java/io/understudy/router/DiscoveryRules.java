package io.understudy.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configuration rules of where the topology comes from: either the primary and replicas are
 * configured, or seeds are, and the router discovers the rest from the nodes. Mixing the two would
 * leave two sources of truth for where writes go, so it is refused.
 */
final class DiscoveryRules {
  static final String SEED_FORM = "host[:port], like db1:3306";
  // Goes into each node's JDBC URL as its path, so it must not carry URL syntax.
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]+");

  private DiscoveryRules() {}

  /** Checks the static topology, or the discovery settings when there are seeds. */
  static void checkTopology(
      String primaryUrl,
      List<ReplicaConfig> replicas,
      List<String> seeds,
      String database,
      Problems problems) {
    if (seeds.isEmpty()) {
      JdbcUrl.checkNodes(primaryUrl, replicas, problems);
      if (!database.isEmpty()) {
        problems.add(
            "discovery.database",
            database,
            "applies only with discovery.seeds; a configured primaryUrl carries its own database");
      }
      return;
    }
    String exclusive =
        "cannot be combined with "
            + problems.keyOf("discovery.seeds")
            + ": either the nodes publish the topology (seeds) or the configuration gives it"
            + " (primary and replicas); remove one";
    if (primaryUrl != null) {
      problems.add("primaryUrl", JdbcUrl.masked(primaryUrl), exclusive);
    }
    if (!replicas.isEmpty()) {
      problems.add("replicas", exclusive);
    }
    checkSeeds(seeds, problems);
    if (!database.isEmpty() && !DATABASE.matcher(database).matches()) {
      problems.add("discovery.database", database, "must be letters, digits, '_', '$' or '-'");
    }
  }

  private static void checkSeeds(List<String> seeds, Problems problems) {
    Map<String, String> fieldOfNode = new HashMap<>();
    for (int i = 0; i < seeds.size(); i++) {
      String field = "discovery.seeds[" + i + "]";
      String seed = seeds.get(i) == null ? "" : seeds.get(i).strip();
      try {
        String node = node(seed);
        String first = fieldOfNode.putIfAbsent(node, field);
        if (first != null) {
          problems.add(field, seed, "is the same node (" + node + ") as " + problems.keyOf(first));
        }
      } catch (IllegalArgumentException e) {
        problems.add(field, seed, e.getMessage() + "; expected " + SEED_FORM);
      }
    }
  }

  /** The seeds as {@code host:port}, lower case and with the port; call after checking them. */
  static List<String> nodes(List<String> seeds) {
    List<String> nodes = new ArrayList<>(seeds.size());
    seeds.forEach(seed -> nodes.add(node(seed.strip())));
    return nodes;
  }

  private static String node(String seed) {
    if (seed.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    for (char c : new char[] {'/', '?', '@', ','}) {
      if (seed.indexOf(c) >= 0) {
        throw new IllegalArgumentException("has a '" + c + "'");
      }
    }
    return JdbcUrl.parse("jdbc:mysql://" + seed).node();
  }
}
