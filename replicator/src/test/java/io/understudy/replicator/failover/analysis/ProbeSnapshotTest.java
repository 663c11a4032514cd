package io.understudy.replicator.failover.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.failover.topology.Member;
import io.understudy.replicator.failover.topology.Role;
import io.understudy.replicator.failover.topology.Topology;
import io.understudy.replicator.model.SourcePosition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeSnapshotTest {

  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final Topology TOPOLOGY =
      new Topology(
          3,
          List.of(
              new Member("p", "h", 1, Role.PRIMARY),
              new Member("r", "h", 2, Role.REPLICA),
              new Member("f", "h", 3, Role.FENCED)),
          "test");

  @Test
  void fencedMembers_mayBeLeftOut_andAreNoReplicas() {
    ProbeSnapshot snapshot =
        new ProbeSnapshot(NOW, TOPOLOGY, List.of(up("r", "0-1-5"), up("p", null)), false, null);

    assertThat(snapshot.primary().node()).isEqualTo("p");
    assertThat(snapshot.replicas()).extracting(NodeProbe::node).containsExactly("r");
  }

  @Test
  void snapshotThatCannotBeReasonedAbout_isRefused_namingEveryProblem() {
    assertThatThrownBy(
            () ->
                new ProbeSnapshot(
                    NOW,
                    TOPOLOGY,
                    List.of(up("p", "1-1-9"), up("x", null), up("x", "0-1-5")),
                    false,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid probe snapshot of epoch 3: x is no member of the topology; two probes of x;"
                + " x is no member of the topology; no probe of replica r; positions span GTID"
                + " streams [0, 1]; sequence numbers only compare within one stream (MariaDB"
                + " domain, MySQL source UUID), and replication uses one");
  }

  @Test
  void inconsistentProbe_isRefused() {
    assertThatThrownBy(() -> new NodeProbe("r", false, true, 0, null, null, null, false, 0))
        .hasMessageContaining("probe of r is inconsistent");
    assertThatThrownBy(() -> new NodeProbe("r", true, true, 2, NOW, null, null, false, 0))
        .hasMessageContaining("probe of r is inconsistent");
  }

  private static NodeProbe up(String node, String applied) {
    SourcePosition position = applied == null ? null : new SourcePosition(applied, "", 0);
    return new NodeProbe(node, true, true, 0, null, position, null, false, 0);
  }
}
