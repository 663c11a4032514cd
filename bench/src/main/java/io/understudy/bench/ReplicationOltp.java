package io.understudy.bench;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OLTP run: {@code writers} threads insert one row per autocommit transaction on the primary as
 * fast as it commits, for a warm-up and then a measured period, while a {@link
 * ReplicationVisibility} per replica records when each row appears there. Lag of a transaction =
 * first seen on a replica − its commit returned on the primary, both on this JVM's clock; every
 * (transaction, replica) pair of the measured period is one sample.
 */
final class ReplicationOltp {

  /** Room for this many commits per second; far above what two cores commit (≈ 3k/s). */
  private static final int MAX_COMMITS_PER_SECOND = 20_000;

  private final Cluster cluster;
  private final int writers;
  private final int warmupSeconds;
  private final int seconds;
  private final long drainMillis;

  ReplicationOltp(Cluster cluster, int writers, int warmupSeconds, int seconds, long drainMillis) {
    this.cluster = cluster;
    this.writers = writers;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
    this.drainMillis = drainMillis;
  }

  /** Writes {@code table} (empty, on every node) and measures; replication must be running. */
  ReplicationReport.Oltp run(String name, String table) throws Exception {
    int capacity = (warmupSeconds + seconds + 1) * MAX_COMMITS_PER_SECOND;
    ReplicationCpu cpuBefore = ReplicationCpu.sample(cluster);
    long origin = System.nanoTime() - 1;
    long[] committedAt = new long[capacity];
    List<ReplicationVisibility> pollers = new ArrayList<>();
    List<Thread> pollerThreads = new ArrayList<>();
    for (ClusterNode replica : ReplicationSetup.replicas(cluster)) {
      ReplicationVisibility poller =
          new ReplicationVisibility(replica, cluster.users().app(), table, origin, capacity);
      pollers.add(poller);
      pollerThreads.add(start(poller, "bench-visibility-" + replica.name()));
    }

    long measureFrom = System.nanoTime() - origin + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong nextId = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> writerThreads = new ArrayList<>();
    for (int w = 1; w <= writers; w++) {
      Runnable loop = () -> write(table, origin, measureTo, nextId, committedAt, failure);
      writerThreads.add(start(loop, "bench-writer-" + w));
    }
    for (Thread thread : writerThreads) {
      thread.join();
    }
    if (failure.get() != null) {
      pollers.forEach(ReplicationVisibility::stop);
      throw new IllegalStateException("A writer failed", failure.get());
    }
    long lastId = Math.min(nextId.get(), capacity - 1);
    pollers.forEach(poller -> poller.finishAt(lastId));
    long deadline = System.currentTimeMillis() + drainMillis;
    for (Thread thread : pollerThreads) {
      thread.join(Math.max(1, deadline - System.currentTimeMillis()));
    }
    pollers.forEach(ReplicationVisibility::stop);
    for (int i = 0; i < pollers.size(); i++) {
      pollerThreads.get(i).join();
      if (pollers.get(i).failure() != null) {
        throw new IllegalStateException(
            "Polling " + pollers.get(i).replicaName() + " failed", pollers.get(i).failure());
      }
    }
    long wall = System.nanoTime() - origin;
    ReplicationReport.Oltp result =
        summarise(name, committedAt, lastId, pollers, measureFrom, measureTo);
    return result.withCpu(wall, ReplicationCpu.sample(cluster).secondsSince(cpuBefore));
  }

  /**
   * One writer: autocommit single-row inserts of ids drawn from {@code nextId} until {@code until}.
   */
  private void write(
      String table,
      long origin,
      long until,
      AtomicLong nextId,
      long[] committedAt,
      AtomicReference<Exception> failure) {
    String insert = "INSERT INTO " + ReplicationSetup.SCHEMA + "." + table + " VALUES (?, ?)";
    try (Connection connection = cluster.node(0).connect(cluster.users().app());
        PreparedStatement statement = connection.prepareStatement(insert)) {
      while (failure.get() == null && System.nanoTime() - origin < until) {
        long id = nextId.incrementAndGet();
        if (id >= committedAt.length) {
          return;
        }
        statement.setLong(1, id);
        statement.setString(2, Thread.currentThread().getName() + "-" + id);
        statement.executeUpdate();
        committedAt[(int) id] = System.nanoTime() - origin;
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  private ReplicationReport.Oltp summarise(
      String name,
      long[] committedAt,
      long lastId,
      List<ReplicationVisibility> pollers,
      long measureFrom,
      long measureTo) {
    long commits = 0;
    long missing = 0;
    long lastCommit = 0;
    long lastVisible = 0;
    long[] lags = new long[(int) lastId * pollers.size()];
    int samples = 0;
    for (long id = 1; id <= lastId; id++) {
      long committed = committedAt[(int) id];
      lastCommit = Math.max(lastCommit, committed);
      boolean measured = committed >= measureFrom && committed < measureTo;
      commits += measured ? 1 : 0;
      for (ReplicationVisibility poller : pollers) {
        long visible = poller.visibleAt(id);
        lastVisible = Math.max(lastVisible, visible);
        if (visible == 0) {
          missing++;
        } else if (measured) {
          lags[samples++] = visible - committed;
        }
      }
    }
    long[] sorted = Arrays.copyOf(lags, samples);
    Arrays.sort(sorted);
    return new ReplicationReport.Oltp(
        name,
        commits / (double) seconds,
        millis(percentile(sorted, 0.50)),
        millis(percentile(sorted, 0.99)),
        millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
        missing == 0 ? millis(lastVisible - lastCommit) : Double.NaN,
        missing,
        0,
        Map.of());
  }

  private static long percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  static Thread start(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
