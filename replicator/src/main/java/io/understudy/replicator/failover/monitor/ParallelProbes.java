package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.probe.NodeProber;
import io.understudy.replicator.failover.probe.NodeReading;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every node at once, each on a thread of its own, and waits for the answers no longer than
 * the probe timeout (plus a little for the driver to report its own timeout). A node whose probe is
 * still waiting from an earlier round is not probed again until that one ends: it counts as not
 * answering, and its connection is never used by two threads.
 */
final class ParallelProbes implements AutoCloseable {

  /** Room for the driver to raise its socket timeout before the round gives up on the probe. */
  private static final long GRACE_MILLIS = 100;

  /** A probe's outcome: a reading, or why there is none. */
  record Result(NodeReading reading, String error) {}

  private final long timeoutMillis;
  private final Map<String, NodeProber> probers = new LinkedHashMap<>();
  private final Map<String, ExecutorService> threads = new LinkedHashMap<>();
  private final Map<String, Future<NodeReading>> inFlight = new LinkedHashMap<>();

  ParallelProbes(MonitorConfig config) {
    this.timeoutMillis = config.probeTimeout().toMillis();
    for (MonitoredNode node : config.nodes()) {
      probers.put(
          node.name(),
          new NodeProber(
              node.name(),
              node.host(),
              node.port(),
              config.user(),
              config.password(),
              config.probeTimeout()));
      threads.put(
          node.name(),
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "understudy-probe-" + node.name());
                thread.setDaemon(true);
                return thread;
              }));
    }
  }

  /** One probe of every node, by node name. */
  Map<String, Result> probeAll() {
    for (Map.Entry<String, NodeProber> entry : probers.entrySet()) {
      Future<NodeReading> previous = inFlight.get(entry.getKey());
      if (previous == null || previous.isDone()) {
        NodeProber prober = entry.getValue();
        inFlight.put(entry.getKey(), threads.get(entry.getKey()).submit(prober::probe));
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + GRACE_MILLIS);
    Map<String, Result> results = new LinkedHashMap<>();
    for (Map.Entry<String, Future<NodeReading>> entry : inFlight.entrySet()) {
      results.put(entry.getKey(), await(entry.getValue(), deadline));
    }
    return results;
  }

  private Result await(Future<NodeReading> probe, long deadline) {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      return new Result(probe.get(left, TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      return new Result(null, "no answer within the probe timeout of " + timeoutMillis + "ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String state =
          cause instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "";
      return new Result(null, cause.getClass().getSimpleName() + state + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, "monitor interrupted while waiting for the probe");
    }
  }

  /** Ends waiting probes (their sockets are closed) and the probe threads. */
  @Override
  public void close() {
    probers.values().forEach(NodeProber::close);
    threads.values().forEach(ExecutorService::shutdownNow);
    for (ExecutorService thread : threads.values()) {
      try {
        if (!thread.awaitTermination(timeoutMillis * 2 + 1_000, TimeUnit.MILLISECONDS)) {
          return; // a stuck driver call; the thread is a daemon and ends with its socket timeout
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
