package io.understudy.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to start a cluster. Defaults come from system properties so that a whole test run can be
 * switched without code changes:
 *
 * <ul>
 *   <li>{@code understudy.cluster} = {@code embedded} (default) or {@code containers}
 *   <li>{@code understudy.flavour} = {@code mariadb} (default) or {@code mysql} (containers only)
 *   <li>{@code understudy.testkit.dir}: where data directories go (default: {@code target/} of the
 *       working directory when it exists, else the temporary directory)
 *   <li>{@code understudy.testkit.keep} = {@code true} keeps data directories after close
 * </ul>
 */
public record ClusterOptions(
    int nodes, Kind kind, Flavour flavour, Path directory, boolean keepData) {

  /** Where the servers run. */
  public enum Kind {
    /** MariaDB binaries from Maven Central, run as child processes on loopback ports. */
    EMBEDDED,
    /** Testcontainers; needs a reachable Docker engine. */
    CONTAINERS
  }

  public static final int MAX_NODES = 9;

  public ClusterOptions {
    List<String> problems = new ArrayList<>();
    if (nodes < 1 || nodes > MAX_NODES) {
      problems.add("nodes=" + nodes + " is out of range: allowed 1.." + MAX_NODES);
    }
    if (kind == null) {
      problems.add("kind is missing: allowed " + List.of(Kind.values()));
    }
    if (flavour == null) {
      problems.add("flavour is missing: allowed " + List.of(Flavour.values()));
    }
    if (kind == Kind.EMBEDDED && flavour == Flavour.MYSQL) {
      problems.add(
          "flavour=MYSQL runs only as containers: add -Dunderstudy.cluster=containers"
              + " on a machine with a Docker engine");
    }
    if (directory == null) {
      problems.add("directory is missing");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid cluster options: " + String.join("; ", problems));
    }
  }

  /** Options from the system properties above, with {@code nodes} nodes. */
  public static ClusterOptions fromSystemProperties(int nodes) {
    return new ClusterOptions(
        nodes,
        parse(Kind.class, "understudy.cluster", Kind.EMBEDDED),
        parse(Flavour.class, "understudy.flavour", Flavour.MARIADB),
        defaultDirectory(),
        Boolean.getBoolean("understudy.testkit.keep"));
  }

  public ClusterOptions withNodes(int nodes) {
    return new ClusterOptions(nodes, kind, flavour, directory, keepData);
  }

  public ClusterOptions withDirectory(Path directory) {
    return new ClusterOptions(nodes, kind, flavour, directory, keepData);
  }

  public ClusterOptions withKeepData(boolean keepData) {
    return new ClusterOptions(nodes, kind, flavour, directory, keepData);
  }

  private static Path defaultDirectory() {
    String configured = System.getProperty("understudy.testkit.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path target = Path.of("target").toAbsolutePath();
    if (Files.isDirectory(target)) {
      return target.resolve("understudy-clusters");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "understudy-clusters");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String property, E fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-D"
              + property
              + "="
              + value
              + " is not allowed: use one of "
              + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT),
          e);
    }
  }
}
