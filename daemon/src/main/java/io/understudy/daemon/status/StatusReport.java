package io.understudy.daemon.status;

import java.util.List;

/**
 * What a running daemon reports: {@code GET /status} serves it as JSON, {@code status} prints it as
 * a table or that same JSON. Field names are part of the documented interface (docs/daemon.md).
 *
 * @param phase {@code STARTING} (migrating, copying snapshots), {@code RUNNING}, {@code STOPPING},
 *     or {@code FAILED}
 * @param ready whether {@code GET /ready} answers 200
 * @param notReadyBecause why not, one reason per line; empty when ready
 */
public record StatusReport(
    String phase,
    String primary,
    boolean ready,
    List<String> notReadyBecause,
    Capture capture,
    List<Replica> replicas) {

  /**
   * @param state the capture's lifecycle state, {@code NONE} before it exists
   * @param failure why it stopped by itself, or null
   */
  public record Capture(String state, String failure, long transactions, long rows) {}

  /**
   * @param applier the applier's state ({@code RUNNING}, {@code RECONNECTING}, {@code
   *     STOPPED_DIVERGED}, ...)
   * @param feed {@code ATTACHED} to the main stream or {@code DETACHED} (catching up on its own)
   * @param detachedBecause why it last left the main stream, or null if it never did
   * @param lagMillis now minus the newest heartbeat applied; null before the first
   * @param appliedGtid the last source transaction the replica holds, or null
   */
  public record Replica(
      String name,
      String applier,
      String feed,
      String detachedBecause,
      Long lagMillis,
      String appliedGtid,
      int queueDepth,
      long appliedTransactions,
      String lastError) {}
}
