package io.understudy.replicator.fanout;

import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.TransactionSink;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each transaction of the main stream to every attached replica, so that a slow or dead
 * replica never stalls the others.
 *
 * <p>A replica whose queue stays full is <em>detached</em>: at once if its applier lost the
 * replica, after {@code detachAfter} if other replicas still have room (it is the one holding the
 * stream back) or if it applied nothing in that time. While every attached queue is full and their
 * replicas make progress, the stream waits: that is the back-pressure that bounds memory. A
 * detached replica keeps what is already queued; once its applier is connected again, a catch-up
 * capture of its own reads the binlog from the last transaction it was given, and when that capture
 * reaches the main stream's last dispatched transaction the replica is attached again. Design:
 * docs/replication.md, "Fan-out".
 */
public final class FanOut implements TransactionSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final long SUPERVISE_MILLIS = 200;
  private static final long CATCH_UP_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Duration detachAfter;
  private final CaptureFactory captures;
  private final List<ReplicaFeed> feeds = new CopyOnWriteArrayList<>();
  private final Map<ReplicaFeed, CatchUp> catchUps = new ConcurrentHashMap<>();
  private final Map<ReplicaFeed, Long> retryAt = new ConcurrentHashMap<>();
  private final Object dispatchLock = new Object();
  private final ScheduledExecutorService supervisor;
  private volatile SourcePosition lastDispatched; // written under dispatchLock
  private volatile boolean closed;

  public FanOut(Duration detachAfter, CaptureFactory captures) {
    this.detachAfter = Objects.requireNonNull(detachAfter, "detachAfter");
    this.captures = Objects.requireNonNull(captures, "captures");
    this.supervisor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "understudy-fan-out-supervisor");
              thread.setDaemon(true);
              return thread;
            });
    supervisor.scheduleWithFixedDelay(
        this::superviseQuietly, SUPERVISE_MILLIS, SUPERVISE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a replica's applier.
   *
   * @param index the replica's place among the replicator's replicas (picks its catch-up capture's
   *     server id)
   * @param attached whether the main stream feeds it from now on; a replica that is behind the
   *     stream (a new one after its bootstrap) starts detached and catches up first
   * @param resumeAfter the last transaction the replica holds, when known better than its stored
   *     position, else null
   */
  public ReplicaFeed add(
      ReplicaApplier applier, int index, boolean attached, SourcePosition resumeAfter) {
    ReplicaFeed feed =
        new ReplicaFeed(
            applier,
            index,
            attached ? ReplicaFeed.Mode.ATTACHED : ReplicaFeed.Mode.DETACHED,
            resumeAfter);
    feeds.add(feed);
    if (!attached) {
      feed.detach("added behind the stream");
    }
    return feed;
  }

  public List<ReplicaFeed> feeds() {
    return List.copyOf(feeds);
  }

  /** The last transaction the main stream dispatched, or null before the first. */
  public SourcePosition lastDispatched() {
    return lastDispatched;
  }

  @Override
  public void accept(Transaction transaction) throws InterruptedException {
    synchronized (dispatchLock) {
      for (ReplicaFeed feed : feeds) {
        if (feed.mode() == ReplicaFeed.Mode.ATTACHED && !feed.applier().state().isFinal()) {
          deliverOrDetach(feed, transaction);
        }
      }
      lastDispatched = transaction.position();
    }
  }

  private void deliverOrDetach(ReplicaFeed feed, Transaction transaction)
      throws InterruptedException {
    try {
      if (feed.deliver(transaction, Duration.ZERO) != ReplicaFeed.Delivery.FULL) {
        return;
      }
      long since = System.nanoTime();
      SourcePosition progressMark = feed.applier().appliedPosition();
      while (feed.deliver(transaction, POLL) == ReplicaFeed.Delivery.FULL) {
        if (closed) {
          throw new InterruptedException("fan-out closed while waiting for " + feed.replica());
        }
        ApplierState state = feed.applier().state();
        if (state.isFinal()) {
          return;
        }
        if (state == ApplierState.RECONNECTING) {
          detach(feed, "its replica is unreachable and its queue is full");
          return;
        }
        if (System.nanoTime() - since >= detachAfter.toNanos()) {
          SourcePosition now = feed.applier().appliedPosition();
          if (othersHaveRoom(feed)) {
            detach(feed, "its queue stayed full for " + detachAfter.toMillis() + " ms");
            return;
          }
          if (Objects.equals(now, progressMark)) {
            detach(feed, "it applied nothing for " + detachAfter.toMillis() + " ms");
            return;
          }
          // Every queue is full and this replica is applying: hold the stream back.
          progressMark = now;
          since = System.nanoTime();
        }
      }
    } catch (IllegalStateException stoppedMeanwhile) {
      log.error(
          "{} stopped ({}); the other replicas continue: {}",
          feed.replica(),
          feed.applier().state(),
          String.valueOf(feed.applier().lastError()));
    }
  }

  private boolean othersHaveRoom(ReplicaFeed full) {
    for (ReplicaFeed feed : feeds) {
      if (feed != full
          && feed.mode() == ReplicaFeed.Mode.ATTACHED
          && !feed.applier().state().isFinal()
          && feed.hasRoom()) {
        return true;
      }
    }
    return false;
  }

  private void detach(ReplicaFeed feed, String because) {
    feed.detach(because);
    log.warn(
        "{} left the stream: {}; the others continue, and it will catch up on its own after {}",
        feed.replica(),
        because,
        describe(feed.resumePoint()));
  }

  /** Called by a catch-up capture after each transaction it queued. */
  void attachIfCaughtUp(ReplicaFeed feed, SourcePosition caughtUpTo) {
    synchronized (dispatchLock) {
      SourcePosition head = lastDispatched;
      if (feed.mode() == ReplicaFeed.Mode.DETACHED && head != null && !head.isAfter(caughtUpTo)) {
        feed.attach();
        log.info("{} caught up at {} and rejoined the stream", feed.replica(), caughtUpTo.gtid());
      }
    }
  }

  private void superviseQuietly() {
    try {
      supervise();
    } catch (RuntimeException e) {
      log.error("Fan-out supervision failed; retrying", e);
    }
  }

  /** Starts, retries and retires the catch-up captures of detached replicas. */
  private void supervise() {
    for (ReplicaFeed feed : feeds) {
      CatchUp catchUp = catchUps.get(feed);
      ApplierState state = feed.applier().state();
      if (state.isFinal() || feed.mode() == ReplicaFeed.Mode.ATTACHED) {
        if (catchUp != null) {
          catchUps.remove(feed);
          catchUp.close();
        }
        continue;
      }
      if (catchUp != null) {
        Throwable failure = catchUp.failure();
        if (failure != null) {
          log.warn(
              "Catch-up of {} failed ({}); retrying in {} s",
              feed.replica(),
              failure.getMessage(),
              TimeUnit.NANOSECONDS.toSeconds(CATCH_UP_RETRY_NANOS));
          catchUps.remove(feed);
          catchUp.close();
          retryAt.put(feed, System.nanoTime() + CATCH_UP_RETRY_NANOS);
        }
        continue;
      }
      SourcePosition from = feed.resumePoint();
      Long retry = retryAt.get(feed);
      if (state == ApplierState.RUNNING
          && feed.hasRoom()
          && from != null
          && (retry == null || System.nanoTime() - retry >= 0)) {
        log.info("{} catches up from after {}", feed.replica(), from.gtid());
        CatchUp started = new CatchUp(feed, this, captures, from);
        catchUps.put(feed, started);
        started.start();
      }
    }
  }

  private static String describe(SourcePosition position) {
    return position == null ? "its stored position" : position.gtid();
  }

  /**
   * Stops supervising and every catch-up capture, and lets a main stream waiting on a full queue
   * go; the appliers belong to the caller.
   */
  @Override
  public void close() {
    closed = true;
    supervisor.shutdownNow();
    try {
      supervisor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    catchUps.values().forEach(CatchUp::close);
    catchUps.clear();
  }
}
