package io.understudy.testkit;

/** Starts the kind of cluster the options ask for. */
public final class Clusters {

  private Clusters() {}

  /** A cluster of {@code nodes} nodes, kind and flavour from the system properties. */
  public static Cluster start(int nodes) {
    return start(ClusterOptions.fromSystemProperties(nodes));
  }

  public static Cluster start(ClusterOptions options) {
    return switch (options.kind()) {
      case EMBEDDED -> EmbeddedCluster.start(options);
      case CONTAINERS -> ContainerCluster.start(options);
    };
  }
}
