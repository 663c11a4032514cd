package io.understudy.replicator.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a MariaDB or MySQL 8 primary's binlog with Debezium's embedded engine and hands every
 * committed source transaction, complete and in commit order, to a {@link TransactionSink}.
 *
 * <p>Lifecycle: {@code CREATED → STARTING → RUNNING → STOPPING → STOPPED}, or {@code FAILED} from
 * any of the first three. Transitions are compare-and-set, so {@link #start()} runs once and {@link
 * #close()} may be called from any thread, any number of times. {@link #start()} returns once the
 * binlog is being read: every transaction committed after the start position, including those
 * committed while starting, is delivered.
 */
public final class BinlogCapture implements AutoCloseable {

  /** Where a capture is in its life. */
  public enum State {
    CREATED,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private static final Logger LOG = LoggerFactory.getLogger(BinlogCapture.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final CaptureConfig config;
  private final TransactionSink sink;
  private final CaptureProgress progress = new CaptureProgress();
  private final String name;
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
  private ExecutorService thread;

  public BinlogCapture(CaptureConfig config, TransactionSink sink) {
    this.config = config;
    this.sink = progress.counting(sink);
    this.name = "understudy-capture-" + config.serverId();
  }

  /**
   * Checks the primary, starts the engine right after the configured start position (or at the
   * primary's current position), and waits until it reads the binlog.
   *
   * @throws CaptureException naming what is wrong with the primary, the user or the settings
   * @throws IllegalStateException if called twice
   */
  public void start() {
    if (!state.compareAndSet(State.CREATED, State.STARTING)) {
      throw new IllegalStateException("Capture " + name + " cannot start: it is " + state.get());
    }
    try {
      PrimarySettings primary = PrimaryCheck.verify(config);
      ResumeOffset start = ResumeOffset.after(primary, config.startPosition());
      LOG.info(
          "Capture {} starts on {} ({}) after {}",
          name,
          config.primary(),
          primary.version(),
          config.startPosition() != null ? config.startPosition() : "its current position");
      LOG.debug("Capture {} seeds the offset {}", name, start);
      TransactionAssembler assembler =
          new TransactionAssembler(new ChangeRecords(name), config, sink);
      engine =
          DebeziumEngine.create(Connect.class)
              .using(EngineProperties.of(config, primary.version().flavour(), name, start))
              .using(this::engineStopped)
              .notifying(new BatchHandler(assembler))
              .build();
      thread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, name));
      thread.execute(engine);
      awaitStreaming(new StreamingProbe(primary.version().flavour(), name));
      if (!state.compareAndSet(State.STARTING, State.RUNNING)) {
        throw new CaptureException("Capture " + name + " stopped while starting", failure.get());
      }
    } catch (RuntimeException e) {
      state.set(State.FAILED);
      failure.compareAndSet(null, e);
      shutDown();
      throw e;
    }
  }

  /** Transactions and rows handed to the sink so far, for metrics. */
  public CaptureProgress progress() {
    return progress;
  }

  public State state() {
    return state.get();
  }

  /** Why the capture failed, or null. */
  public Throwable failure() {
    return failure.get();
  }

  /**
   * Stops reading and waits for the engine to stop; an engine thread still busy after 30 s (a sink
   * blocked in accept) is interrupted.
   */
  @Override
  public void close() {
    State current = state.get();
    while (current == State.CREATED || current == State.STARTING || current == State.RUNNING) {
      if (state.compareAndSet(current, State.STOPPING)) {
        shutDown();
        state.compareAndSet(State.STOPPING, State.STOPPED);
        return;
      }
      current = state.get();
    }
  }

  private void awaitStreaming(StreamingProbe probe) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!probe.isStreaming()) {
      if (failure.get() != null) {
        throw new CaptureException(
            "Capture " + name + " failed while starting: " + failure.get().getMessage(),
            failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new CaptureException(
            "Capture "
                + name
                + " did not reach the binlog of "
                + config.primary()
                + " within "
                + START_TIMEOUT.toSeconds()
                + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CaptureException("Interrupted while starting capture " + name, e);
      }
    }
  }

  /** The engine's completion callback: it ran to its end, cleanly or not. */
  private void engineStopped(boolean success, String message, Throwable error) {
    if (success) {
      LOG.info("Capture {} stopped: {}", name, message);
      return;
    }
    failure.compareAndSet(null, error != null ? error : new CaptureException(message));
    State current = state.get();
    if (current == State.STARTING || current == State.RUNNING) {
      state.compareAndSet(current, State.FAILED);
      LOG.error("Capture {} failed: {}", name, message, error);
    }
  }

  private void shutDown() {
    try {
      if (engine != null) {
        engine.close();
      }
    } catch (IOException e) {
      LOG.warn("Capture {}: closing the engine failed", name, e);
    }
    if (thread != null) {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("Capture {}: engine thread still running after 30 s, interrupting it", name);
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
