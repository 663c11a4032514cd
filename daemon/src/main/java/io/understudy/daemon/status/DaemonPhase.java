package io.understudy.daemon.status;

/** Where the daemon process is in its life; moves forward only. */
public enum DaemonPhase {
  /** Checking nodes, migrating the {@code understudy} schema, copying snapshots. */
  STARTING,
  RUNNING,
  STOPPING,
  /** Start-up failed or the capture stopped by itself; the process is about to exit. */
  FAILED
}
