package io.understudy.replicator.apply;

import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies source transactions to one replica, in order, each atomically with its position, exactly
 * once. The fan-out hands transactions over with {@link #put} or {@link #offer}; a thread of its
 * own ({@code understudy-apply-<replica>}) applies them. On (re)connecting it reads the replica's
 * {@code understudy.applied_position} and skips whatever is not after it, so redelivery is
 * harmless. A lost connection is retried with backoff, the transaction in flight retried whole; a
 * divergence stops the applier ({@link ApplierState#STOPPED_DIVERGED}). Design and limits:
 * docs/replication.md, "Apply".
 */
public final class ReplicaApplier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaApplier.class);
  private static final long POLL_MILLIS = 50;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** A group stops growing past this many changes, so that one replica commit stays moderate. */
  private static final int MAX_GROUP_CHANGES = 10_000;

  private final ApplierConfig config;
  private final BlockingQueue<Transaction> queue;
  private final Semaphore changeBudget; // permits: row changes that may still be queued
  private final GroupApplier group;
  private final Thread thread;
  private final AtomicReference<ApplierState> state = new AtomicReference<>(ApplierState.RUNNING);
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Exception lastError;
  private volatile Connection connection;

  private int failures; // apply thread only

  private ReplicaApplier(ApplierConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.changeBudget = new Semaphore(config.maxQueuedChanges());
    this.group = new GroupApplier(config.replica());
    this.thread = new Thread(this::run, "understudy-apply-" + config.replica());
    thread.setDaemon(true);
  }

  /**
   * Starts an applier; it connects on its own thread, so an unreachable replica does not fail here.
   */
  public static ReplicaApplier start(ApplierConfig config) {
    ReplicaApplier applier = new ReplicaApplier(config);
    applier.thread.start();
    return applier;
  }

  /**
   * Queues {@code transaction} if there is room.
   *
   * @return false if the queue is full
   * @throws IllegalStateException if the applier stopped or is closed
   */
  public boolean offer(Transaction transaction) {
    Objects.requireNonNull(transaction, "transaction");
    requireAccepting();
    int cost = cost(transaction);
    if (!changeBudget.tryAcquire(cost)) {
      return false;
    }
    if (!queue.offer(transaction)) {
      changeBudget.release(cost);
      return false;
    }
    return true;
  }

  /**
   * Queues {@code transaction}, waiting up to {@code wait} for room.
   *
   * @return false if the queue stayed full
   * @throws IllegalStateException if the applier stopped or is closed
   */
  public boolean offer(Transaction transaction, Duration wait) throws InterruptedException {
    Objects.requireNonNull(transaction, "transaction");
    requireAccepting();
    long deadline = System.nanoTime() + wait.toNanos();
    int cost = cost(transaction);
    if (!changeBudget.tryAcquire(cost, wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    long left = Math.max(0, deadline - System.nanoTime());
    if (!queue.offer(transaction, left, TimeUnit.NANOSECONDS)) {
      changeBudget.release(cost);
      return false;
    }
    return true;
  }

  /** Whether a small transaction would be queued now. */
  public boolean hasRoom() {
    return queue.remainingCapacity() > 0 && changeBudget.availablePermits() > 0;
  }

  /**
   * What a transaction takes from the change budget: its row changes (at least 1), at most the
   * whole budget, so that one larger than the budget waits until the queue is empty and then goes
   * alone.
   */
  private int cost(Transaction transaction) {
    return Math.max(1, Math.min(transaction.changes().size(), config.maxQueuedChanges()));
  }

  /**
   * Queues {@code transaction}, waiting while the queue is full.
   *
   * @throws IllegalStateException if the applier stops or is closed (also while waiting)
   */
  public void put(Transaction transaction) throws InterruptedException {
    while (!offer(transaction, Duration.ofMillis(POLL_MILLIS))) {
      // offer throws once the applier stops, so this never waits on a dead applier
    }
  }

  /**
   * The position of the last transaction this applier committed; before that, the replica's stored
   * position (null if none, or if it has positions of several streams).
   */
  public SourcePosition appliedPosition() {
    return group.appliedPosition();
  }

  /**
   * The replica's applied position per stream ({@link SourcePosition#stream()}), as last read or
   * written.
   */
  public Map<String, SourcePosition> appliedPositions() {
    return group.appliedPositions();
  }

  /** Transactions, rows and the newest heartbeat this applier committed, for metrics. */
  public ApplyProgress progress() {
    return group.progress();
  }

  public int queueDepth() {
    return queue.size();
  }

  /** The error that stopped the applier, or the last one it is retrying after; null if none. */
  public Exception lastError() {
    return lastError;
  }

  public ApplierState state() {
    return state.get();
  }

  public String replica() {
    return config.replica();
  }

  /**
   * Stops after the transaction group in flight (queued transactions are not applied: whoever
   * restarts applying redelivers from the replica's stored position) and closes the connection.
   */
  @Override
  public void close() {
    closing.countDown();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(CLOSE_WAIT.toMillis());
        if (thread.isAlive()) {
          // Stuck on a replica that does not answer: cut the connection under it.
          abortConnection();
          thread.interrupt();
          thread.join(CLOSE_WAIT.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    state.set(ApplierState.CLOSED);
  }

  private void requireAccepting() {
    ApplierState current = state.get();
    if (current.isFinal() || closing.getCount() == 0) {
      Exception error = lastError;
      throw new IllegalStateException(
          "Applier of "
              + config.replica()
              + " is "
              + current
              + " and takes no more transactions"
              + (error == null ? "" : ": " + error.getMessage()));
    }
  }

  private void run() {
    List<Transaction> inFlight = List.of();
    while (closing.getCount() > 0) {
      try {
        if (connection == null) {
          connect();
        }
        if (inFlight.isEmpty()) {
          inFlight = nextGroup();
        }
        if (!inFlight.isEmpty()) {
          group.apply(inFlight);
          inFlight = List.of();
        }
        if (failures > 0) {
          failures = 0;
          lastError = null; // recovered
        }
      } catch (ReplicaApplyException e) {
        stop(e);
        return;
      } catch (SQLException e) {
        if (!retryable(e)) {
          stop(failed(inFlight, e));
          return;
        }
        waitBeforeRetry(e);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        // An Error too (OutOfMemoryError on a huge transaction): a silently dead thread would
        // leave the state RUNNING while its queue fills and stalls every replica.
        stop(new ReplicaApplyException(config.replica(), "Applier failed: " + e, e));
        return;
      }
    }
    disconnect();
  }

  private void connect() throws SQLException, ReplicaApplyException {
    Connection opened = ReplicaConnections.open(config);
    connection = opened;
    group.resume(opened);
    state.compareAndSet(ApplierState.RECONNECTING, ApplierState.RUNNING);
    log.info(
        "Applier of {} connected; applied so far: {}", config.replica(), group.appliedPositions());
  }

  /** The next transaction, and while a backlog exists, more after it; a DDL always goes alone. */
  private List<Transaction> nextGroup() throws InterruptedException {
    Transaction first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    changeBudget.release(cost(first));
    List<Transaction> group = new ArrayList<>(List.of(first));
    int changes = first.changes().size();
    while (!GroupApplier.hasSchemaChange(first) && group.size() < config.maxGroupSize()) {
      Transaction next = queue.peek(); // only this thread takes, so peek-then-poll is safe
      if (next == null
          || GroupApplier.hasSchemaChange(next)
          || changes + next.changes().size() > MAX_GROUP_CHANGES) {
        break;
      }
      group.add(queue.poll());
      changeBudget.release(cost(next));
      changes += next.changes().size();
    }
    return group;
  }

  /** A lost connection or a lock conflict: retry. Anything else would fail again. */
  private boolean retryable(SQLException e) {
    if (connection == null && !SqlErrors.isConnectionFailure(e) && !SqlErrors.isTransient(e)) {
      return false; // connecting failed for a reason that stays, such as "access denied"
    }
    if (SqlErrors.isConnectionFailure(e) || !ReplicaConnections.isValid(connection)) {
      disconnect();
      state.compareAndSet(ApplierState.RUNNING, ApplierState.RECONNECTING);
      return true;
    }
    ReplicaConnections.rollbackQuietly(connection);
    return SqlErrors.isTransient(e);
  }

  private void waitBeforeRetry(SQLException e) {
    lastError = e;
    failures++;
    long delay =
        Math.min(
            config.maxBackoff().toMillis(),
            config.initialBackoff().toMillis() << Math.min(failures - 1, 20));
    if (failures == 1) {
      log.warn("{}: {}; retrying every {} ms or less", config.replica(), e.getMessage(), delay);
    } else {
      log.debug("{}: attempt {} failed: {}", config.replica(), failures, e.getMessage());
    }
    try {
      closing.await(delay, TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      closing.countDown();
    }
  }

  private ReplicaApplyException failed(List<Transaction> inFlight, SQLException e) {
    String where =
        inFlight.isEmpty()
            ? "while connecting"
            : "at GTID "
                + inFlight.get(0).position().gtid()
                + (inFlight.size() > 1
                    ? ".." + inFlight.get(inFlight.size() - 1).position().gtid()
                    : "");
    return new ReplicaApplyException(
        config.replica(),
        "Applier of "
            + config.replica()
            + " failed "
            + where
            + ": "
            + e.getMessage()
            + ". The transaction was rolled back; fix the cause and start a new applier.",
        e);
  }

  private void stop(ReplicaApplyException e) {
    lastError = e;
    boolean diverged = e instanceof ReplicaDivergedException;
    state.set(diverged ? ApplierState.STOPPED_DIVERGED : ApplierState.STOPPED_FAILED);
    log.error("{}", e.getMessage(), e);
    disconnect();
  }

  private void disconnect() {
    Connection current = connection;
    connection = null;
    ReplicaConnections.closeQuietly(current);
  }

  private void abortConnection() {
    Connection current = connection;
    if (current != null) {
      try {
        current.abort(Runnable::run);
      } catch (SQLException ignored) {
        // Already broken: nothing to cut.
      }
    }
  }
}
