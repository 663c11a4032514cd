package io.understudy.replicator.failover.monitor;

import io.understudy.replicator.failover.analysis.NodeProbe;
import io.understudy.replicator.failover.probe.NodeReading;
import io.understudy.replicator.model.SourcePosition;
import java.time.Instant;
import java.util.Map;

/**
 * What the monitor remembers about one node between rounds: its last reading and its run of failed
 * probes. Values read from the node are those of its last answer; a node never read counts as
 * writable (it cannot be shown to be read-only) and as having applied nothing. Used by the monitor
 * thread only.
 */
final class NodeHealth {

  private final MonitoredNode node;
  private NodeReading lastReading;
  private int consecutiveFailures;
  private Instant failingSince;
  private String lastError;

  NodeHealth(MonitoredNode node) {
    this.node = node;
  }

  MonitoredNode node() {
    return node;
  }

  /** Records an answer; returns whether the node had been failing until now. */
  boolean answered(NodeReading reading) {
    boolean recovered = consecutiveFailures > 0;
    lastReading = reading;
    consecutiveFailures = 0;
    failingSince = null;
    lastError = null;
    return recovered;
  }

  /**
   * Records a failed probe that began at {@code probeStart}; returns whether it is the first of a
   * run. The run counts from the start of its first probe: the node has not answered since then.
   */
  boolean failed(Instant probeStart, String error) {
    consecutiveFailures++;
    lastError = error;
    if (failingSince == null) {
      failingSince = probeStart;
      return true;
    }
    return false;
  }

  String lastError() {
    return lastError;
  }

  NodeReading lastReading() {
    return lastReading;
  }

  /**
   * This node as the analysis sees it, its applied position taken from {@code stream} (a GTID
   * domain as text; null picks the node's only stream, if it has exactly one).
   */
  NodeProbe toProbe(String stream) {
    boolean reachable = consecutiveFailures == 0 && lastReading != null;
    int failures = reachable ? 0 : Math.max(1, consecutiveFailures);
    Instant since = reachable ? null : failingSince;
    boolean readOnly = lastReading != null && lastReading.readOnly();
    SourcePosition binlog = lastReading == null ? null : lastReading.binlogPosition();
    return new NodeProbe(
        node.name(),
        reachable,
        readOnly,
        failures,
        since,
        applied(stream),
        binlog,
        node.neverPromote(),
        node.priority());
  }

  private SourcePosition applied(String stream) {
    if (lastReading == null) {
      return null;
    }
    Map<String, SourcePosition> sources = lastReading.appliedSources();
    if (stream != null) {
      return sources.get(stream);
    }
    return sources.size() == 1 ? sources.values().iterator().next() : null;
  }
}
