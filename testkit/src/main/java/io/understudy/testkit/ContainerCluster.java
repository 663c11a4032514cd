package io.understudy.testkit;

import io.understudy.testkit.internal.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The same cluster as {@link EmbeddedCluster} on Testcontainers, for MariaDB 11.4 ({@code
 * mariadb:11.4}) and MySQL 8.4 ({@code mysql:8.4}). Needs a reachable Docker engine; select it with
 * {@code -Dunderstudy.cluster=containers} (and {@code -Dunderstudy.flavour=mysql} for MySQL).
 */
public final class ContainerCluster implements Cluster {

  private static final Logger log = LoggerFactory.getLogger(ContainerCluster.class);

  private final Flavour flavour;
  private final List<ContainerNode> nodes;
  private final List<ClusterNode> view;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Duration startupTime = Duration.ZERO;

  private ContainerCluster(Flavour flavour, List<ContainerNode> nodes) {
    this.flavour = flavour;
    this.nodes = List.copyOf(nodes);
    this.view = List.copyOf(nodes);
  }

  private static Boolean dockerAvailable;

  /** Whether a Docker engine answers; false on machines without one (said once in the log). */
  public static synchronized boolean dockerAvailable() {
    if (dockerAvailable == null) {
      try {
        dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        dockerAvailable = false;
      }
      if (!dockerAvailable) {
        log.warn(
            "No Docker engine is reachable: container clusters ({} / {}) are skipped here;"
                + " embedded MariaDB clusters are unaffected",
            Flavour.MARIADB.image(),
            Flavour.MYSQL.image());
      }
    }
    return dockerAvailable;
  }

  public static ContainerCluster start(ClusterOptions options) {
    if (!dockerAvailable()) {
      throw new DockerUnavailableException(
          "No Docker engine is reachable, so a ContainerCluster cannot start: start Docker or set"
              + " DOCKER_HOST, or run on embedded MariaDB with -Dunderstudy.cluster=embedded");
    }
    long begin = System.nanoTime();
    List<ContainerNode> nodes = new ArrayList<>();
    for (int i = 0; i < options.nodes(); i++) {
      nodes.add(
          new ContainerNode(i, options.flavour(), FreePorts.next(), i != 0, ClusterUsers.TESTKIT));
    }
    ContainerCluster cluster = new ContainerCluster(options.flavour(), nodes);
    try {
      CompletableFuture.allOf(
              nodes.stream()
                  .map(node -> CompletableFuture.runAsync(node::create))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (CompletionException e) {
      cluster.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    cluster.startupTime = Duration.ofNanos(System.nanoTime() - begin);
    log.info(
        "Container cluster of {} {} nodes ready in {} ms",
        nodes.size(),
        options.flavour().image(),
        cluster.startupTime.toMillis());
    return cluster;
  }

  @Override
  public List<ClusterNode> nodes() {
    return view;
  }

  @Override
  public ClusterUsers users() {
    return ClusterUsers.TESTKIT;
  }

  @Override
  public Flavour flavour() {
    return flavour;
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  /** Removes the containers; Testcontainers' reaper removes them too if the JVM dies first. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      nodes.forEach(ContainerNode::remove);
    }
  }

  /** No Docker engine could be reached. */
  public static final class DockerUnavailableException extends ClusterStartException {
    public DockerUnavailableException(String message) {
      super(message);
    }
  }
}
