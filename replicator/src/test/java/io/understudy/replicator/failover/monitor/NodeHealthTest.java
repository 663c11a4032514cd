package io.understudy.replicator.failover.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.failover.analysis.NodeProbe;
import io.understudy.replicator.failover.probe.NodeReading;
import io.understudy.replicator.model.SourcePosition;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeHealthTest {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  private static final SourcePosition APPLIED_0 = new SourcePosition("0-1-42", "bin.1", 4);
  private static final SourcePosition APPLIED_1 = new SourcePosition("1-7-9", "bin.1", 8);

  private final NodeHealth health = new NodeHealth(new MonitoredNode("node-1", "db", 1, 3, true));

  @Test
  void failures_countFromTheStartOfTheFirstFailedProbe() {
    health.answered(new NodeReading(true, null, Map.of("0", APPLIED_0), 2));

    assertThat(health.failed(T0, "refused")).isTrue();
    assertThat(health.failed(T0.plusMillis(500), "refused")).isFalse();
    NodeProbe probe = health.toProbe("0");

    assertThat(probe.reachable()).isFalse();
    assertThat(probe.consecutiveFailures()).isEqualTo(2);
    assertThat(probe.failingSince()).isEqualTo(T0);
    assertThat(probe.readOnly()).as("as last read").isTrue();
    assertThat(probe.appliedSource()).as("as last read").isEqualTo(APPLIED_0);
    assertThat(probe.neverPromote()).isTrue();
    assertThat(probe.priority()).isEqualTo(3);
  }

  @Test
  void anAnswer_endsTheRun() {
    health.failed(T0, "timeout");

    assertThat(health.answered(new NodeReading(true, null, Map.of(), 0))).isTrue();
    NodeProbe probe = health.toProbe(null);
    assertThat(probe.reachable()).isTrue();
    assertThat(probe.consecutiveFailures()).isZero();
    assertThat(probe.failingSince()).isNull();
  }

  @Test
  void aNodeNeverRead_countsAsWritableWithNothingApplied() {
    health.failed(T0, "refused");

    NodeProbe probe = health.toProbe("0");
    assertThat(probe.readOnly()).isFalse();
    assertThat(probe.appliedSource()).isNull();
    assertThat(probe.binlogPosition()).isNull();
  }

  @Test
  void theAppliedStream_isThePrimarysDomainOrTheOnlyOne() {
    health.answered(new NodeReading(true, null, Map.of("0", APPLIED_0, "1", APPLIED_1), 0));
    assertThat(health.toProbe("1").appliedSource()).isEqualTo(APPLIED_1);
    assertThat(health.toProbe(null).appliedSource()).as("ambiguous").isNull();

    health.answered(new NodeReading(true, null, Map.of("0", APPLIED_0), 0));
    assertThat(health.toProbe(null).appliedSource()).isEqualTo(APPLIED_0);
  }
}
