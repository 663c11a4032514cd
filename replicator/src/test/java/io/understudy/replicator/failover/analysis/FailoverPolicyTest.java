package io.understudy.replicator.failover.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverPolicyTest {

  @Test
  void defaults_areOneSecondFiveMinutesAndAHundredTransactions() {
    assertThat(FailoverPolicy.DEFAULTS)
        .isEqualTo(new FailoverPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 100));
  }

  @Test
  void invalidPolicy_namesEveryProblemAtOnce() {
    assertThatThrownBy(() -> new FailoverPolicy(Duration.ZERO, Duration.ofSeconds(-1), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid failover policy: failureTimeout must be positive, not PT0S; failoverCooldown"
                + " must be 0 or more, not PT-1S; maxPromotionLag must be 0 or more transactions,"
                + " not -1");
  }

  @Test
  void withers_changeOneThreshold() {
    FailoverPolicy policy =
        FailoverPolicy.DEFAULTS
            .withFailureTimeout(Duration.ofSeconds(3))
            .withFailoverCooldown(Duration.ZERO)
            .withMaxPromotionLag(0);

    assertThat(policy).isEqualTo(new FailoverPolicy(Duration.ofSeconds(3), Duration.ZERO, 0));
  }
}
