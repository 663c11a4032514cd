package io.understudy.replicator.failover.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.failover.analysis.Decision;
import io.understudy.replicator.failover.analysis.Situation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionKeyTest {

  @Test
  void aGrowingDuration_isTheSameDecision() {
    Decision earlier =
        new Decision.PrimarySuspect(Situation.PRIMARY_NOT_ANSWERING, "node-0", "silent for 1ms");
    Decision later =
        new Decision.PrimarySuspect(Situation.PRIMARY_NOT_ANSWERING, "node-0", "silent for 900ms");

    assertThat(DecisionKey.of(later)).isEqualTo(DecisionKey.of(earlier));
  }

  @Test
  void anotherSituationOrAnotherNode_isANewDecision() {
    Decision suspect =
        new Decision.PrimarySuspect(Situation.PRIMARY_NOT_ANSWERING, "node-0", "silent");
    Decision unreachable =
        new Decision.PrimarySuspect(Situation.PRIMARY_UNREACHABLE_STREAM_UP, "node-0", "silent");
    Decision toNode1 = new Decision.FailOver("node-1", "dead", List.of());
    Decision toNode2 = new Decision.FailOver("node-2", "dead", List.of());
    Decision oneDead = new Decision.DeadReplicas(List.of("node-1"), "x");
    Decision twoDead = new Decision.DeadReplicas(List.of("node-1", "node-2"), "x");

    assertThat(DecisionKey.of(unreachable)).isNotEqualTo(DecisionKey.of(suspect));
    assertThat(DecisionKey.of(toNode2)).isNotEqualTo(DecisionKey.of(toNode1));
    assertThat(DecisionKey.of(twoDead)).isNotEqualTo(DecisionKey.of(oneDead));
    assertThat(DecisionKey.subject(twoDead)).isEqualTo("node-1,node-2");
  }
}
