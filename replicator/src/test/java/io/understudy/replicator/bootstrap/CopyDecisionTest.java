package io.understudy.replicator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyDecisionTest {

  private static final SourcePosition APPLIED = new SourcePosition("0-1-42", "bin.000001", 900);
  private static final String MARKER = "from primary:3306 at 2026-01-01 00:00:00 UTC";
  private static final List<TableId> ROWS =
      List.of(new TableId("app_a", "orders"), new TableId("app_b", "users"));

  @Test
  void anEmptyReplica_isCopiedOnto() throws Exception {
    assertThat(CopyDecision.decide(new ReplicaState("node-1", null, null, List.of())))
        .isEqualTo(CopyDecision.COPY_ONTO_EMPTY);
  }

  @Test
  void rowsLeftByAnInterruptedCopy_areReplaced() throws Exception {
    assertThat(CopyDecision.decide(new ReplicaState("node-1", null, MARKER, ROWS)))
        .isEqualTo(CopyDecision.REDO_INTERRUPTED);
    assertThat(CopyDecision.decide(new ReplicaState("node-1", null, MARKER, List.of())))
        .isEqualTo(CopyDecision.REDO_INTERRUPTED);
  }

  @Test
  void rowsOfItsOwn_areRefusedNamingEveryTable() {
    assertThatThrownBy(() -> CopyDecision.decide(new ReplicaState("node-1", null, null, ROWS)))
        .isInstanceOf(SnapshotRefusedException.class)
        .hasMessageContaining("node-1")
        .hasMessageContaining("app_a.orders, app_b.users")
        .hasMessageContaining("empty or drop these tables");
  }

  @Test
  void anAppliedPosition_isRefusedWithOrWithoutRowsOrMarker() {
    for (ReplicaState state :
        List.of(
            new ReplicaState("node-1", APPLIED, null, List.of()),
            new ReplicaState("node-1", APPLIED, null, ROWS),
            new ReplicaState("node-1", APPLIED, MARKER, ROWS))) {
      assertThatThrownBy(() -> CopyDecision.decide(state))
          .as("%s", state)
          .isInstanceOf(SnapshotRefusedException.class)
          .hasMessageContaining("already holds an applied position (0-1-42");
    }
  }
}
