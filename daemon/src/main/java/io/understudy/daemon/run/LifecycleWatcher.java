package io.understudy.daemon.run;

import io.understudy.replicator.Replicator;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.fanout.ReplicaFeed;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per lifecycle change of the capture, each applier and each replica's feed, and
 * reports a capture that stopped by itself. The replicator offers no listener, so it looks once a
 * second; a change shorter than that may go unlogged, but the final state never does.
 */
final class LifecycleWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LifecycleWatcher.class);

  private final Replicator replicator;
  private final Consumer<String> onCaptureFailure;
  private final Map<String, String> seen = new HashMap<>(); // only the watcher thread uses it
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "understudy-lifecycle");
            thread.setDaemon(true);
            return thread;
          });
  private boolean failureReported;

  private LifecycleWatcher(Replicator replicator, Consumer<String> onCaptureFailure) {
    this.replicator = replicator;
    this.onCaptureFailure = onCaptureFailure;
  }

  static LifecycleWatcher start(Replicator replicator, Consumer<String> onCaptureFailure) {
    LifecycleWatcher watcher = new LifecycleWatcher(replicator, onCaptureFailure);
    watcher.look(); // records the states at start without logging them as changes
    watcher.executor.scheduleWithFixedDelay(watcher::lookSafely, 1, 1, TimeUnit.SECONDS);
    return watcher;
  }

  private void lookSafely() {
    try {
      look();
    } catch (RuntimeException e) {
      log.warn("event=watch-failed reason=\"{}\"", e.getMessage(), e);
    }
  }

  private void look() {
    BinlogCapture capture = replicator.capture();
    if (capture != null) {
      BinlogCapture.State state = capture.state();
      changed("capture", "capture", state.name(), null);
      if (state == BinlogCapture.State.FAILED && !failureReported) {
        failureReported = true;
        onCaptureFailure.accept(String.valueOf(capture.failure()));
      }
    }
    for (ReplicaFeed feed : replicator.feeds()) {
      Exception error = feed.applier().lastError();
      changed(
          "applier:" + feed.replica(),
          "replica=" + feed.replica() + " applier",
          feed.applier().state().name(),
          error == null ? null : error.getMessage());
      changed(
          "feed:" + feed.replica(),
          "replica=" + feed.replica() + " feed",
          feed.mode().name(),
          feed.mode() == ReplicaFeed.Mode.DETACHED ? feed.detachedBecause() : null);
    }
  }

  private void changed(String key, String subject, String state, String reason) {
    String before = seen.put(key, state);
    if (before != null && !Objects.equals(before, state)) {
      log.info(
          "event=state-change {} from={} to={}{}",
          subject,
          before,
          state,
          reason == null ? "" : " reason=\"" + reason + "\"");
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
