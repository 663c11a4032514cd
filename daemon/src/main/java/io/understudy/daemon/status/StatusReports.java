package io.understudy.daemon.status;

import io.understudy.replicator.Replicator;
import io.understudy.replicator.apply.ApplierState;
import io.understudy.replicator.apply.ReplicaApplier;
import io.understudy.replicator.capture.BinlogCapture;
import io.understudy.replicator.fanout.ReplicaFeed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link StatusReport} off a replicator, at the moment of the call. */
public final class StatusReports {

  private StatusReports() {}

  /**
   * @param replicator null while the daemon is still starting it
   */
  public static StatusReport of(
      DaemonPhase phase, String primary, Replicator replicator, Clock clock) {
    List<String> notReady = new ArrayList<>();
    if (phase != DaemonPhase.RUNNING || replicator == null) {
      notReady.add("daemon is " + phase);
    }
    StatusReport.Capture capture = capture(replicator == null ? null : replicator.capture());
    if (replicator != null && !capture.state().equals(BinlogCapture.State.RUNNING.name())) {
      notReady.add(
          "capture is "
              + capture.state()
              + (capture.failure() == null ? "" : ": " + capture.failure()));
    }
    List<StatusReport.Replica> replicas = new ArrayList<>();
    if (replicator != null) {
      for (ReplicaFeed feed : replicator.feeds()) {
        StatusReport.Replica replica = replica(feed, clock);
        replicas.add(replica);
        if (!replica.applier().equals(ApplierState.RUNNING.name())) {
          notReady.add(
              replica.name()
                  + " applier is "
                  + replica.applier()
                  + (replica.lastError() == null ? "" : ": " + replica.lastError()));
        }
      }
    }
    return new StatusReport(phase.name(), primary, notReady.isEmpty(), notReady, capture, replicas);
  }

  private static StatusReport.Capture capture(BinlogCapture capture) {
    if (capture == null) {
      return new StatusReport.Capture("NONE", null, 0, 0);
    }
    Throwable failure = capture.failure();
    return new StatusReport.Capture(
        capture.state().name(),
        failure == null ? null : String.valueOf(failure.getMessage()),
        capture.progress().transactions(),
        capture.progress().rows());
  }

  private static StatusReport.Replica replica(ReplicaFeed feed, Clock clock) {
    ReplicaApplier applier = feed.applier();
    Instant heartbeat = applier.progress().newestHeartbeat();
    Exception error = applier.lastError();
    return new StatusReport.Replica(
        feed.replica(),
        applier.state().name(),
        feed.mode().name(),
        feed.detachedBecause(),
        heartbeat == null ? null : clock.millis() - heartbeat.toEpochMilli(),
        applier.appliedPosition() == null ? null : applier.appliedPosition().gtid(),
        applier.queueDepth(),
        applier.progress().transactions(),
        error == null ? null : String.valueOf(error.getMessage()));
  }
}
