package io.understudy.daemon.run;

import io.understudy.daemon.admin.AdminServer;
import io.understudy.daemon.config.DaemonConfig;
import io.understudy.daemon.status.DaemonPhase;
import io.understudy.daemon.status.StatusReport;
import io.understudy.daemon.status.StatusReports;
import io.understudy.replicator.Replicator;
import io.understudy.replicator.ReplicatorMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon process's parts and their order: the admin server first (so {@code /health} and {@code
 * /ready} answer while snapshots are copied), then the replicator and its metrics, then a {@link
 * LifecycleWatcher}; closed in the reverse order.
 */
public final class Daemon implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final DaemonConfig config;
  private final Clock clock;
  private final AtomicReference<DaemonPhase> phase = new AtomicReference<>(DaemonPhase.STARTING);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger(0);
  private final DaemonMetrics metrics = new DaemonMetrics();
  private AdminServer admin;
  private volatile Replicator replicator;
  private ReplicatorMetrics replicatorMetrics;
  private LifecycleWatcher watcher;

  public Daemon(DaemonConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Starts every part; throws, the admin server still up until {@link #close()}, on failure. */
  public void start() throws IOException, SQLException {
    log.info(
        "event=starting primary={} replicas={} filter={}",
        config.primary().name(),
        config.replicas().stream().map(DaemonConfig.Node::name).toList(),
        config.filter());
    admin = AdminServer.start(config.admin(), this::status, metrics::scrape);
    log.info("event=admin-listening address={}", admin.address());
    try {
      Replicator started = new Replicator(config.replicatorConfig());
      replicator = started;
      started.start();
    } catch (SQLException | RuntimeException e) {
      phase.set(DaemonPhase.FAILED);
      log.error("event=start-failed reason=\"{}\"", e.getMessage());
      throw e;
    }
    replicatorMetrics = new ReplicatorMetrics(replicator);
    metrics.bind(replicatorMetrics);
    watcher = LifecycleWatcher.start(replicator, this::captureFailed);
    phase.set(DaemonPhase.RUNNING);
    log.info("event=running replicas={}", config.replicas().size());
  }

  /** Blocks until a stop is requested or the capture fails; returns the process's exit code. */
  public int awaitExit() {
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exitCode.get();
  }

  public void requestStop() {
    stopRequested.countDown();
  }

  private void captureFailed(String why) {
    phase.set(DaemonPhase.FAILED);
    log.error(
        "event=capture-failed reason=\"{}\" action=exiting (a restart resumes from the replicas'"
            + " positions)",
        why);
    exitCode.set(1);
    stopRequested.countDown();
  }

  /** Waits until {@link #close()} has finished. */
  public void awaitClosed() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public DaemonPhase phase() {
    return phase.get();
  }

  /** Where the admin server listens (its port when {@code admin.port} is 0). */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  public StatusReport status() {
    Replicator current = replicator;
    return StatusReports.of(
        phase.get(),
        config.primary().name(),
        current != null && current.state() == Replicator.State.RUNNING ? current : null,
        clock);
  }

  @Override
  public void close() {
    if (phase.get() != DaemonPhase.FAILED) {
      phase.set(DaemonPhase.STOPPING);
    }
    log.info("event=stopping");
    if (watcher != null) {
      watcher.close();
    }
    if (replicatorMetrics != null) {
      replicatorMetrics.close();
    }
    if (replicator != null) {
      replicator.close();
    }
    if (admin != null) {
      admin.close();
    }
    metrics.close();
    log.info("event=stopped");
    closed.countDown();
  }
}
