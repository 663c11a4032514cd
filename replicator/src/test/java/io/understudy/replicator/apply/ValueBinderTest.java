package io.understudy.replicator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueBinderTest {

  @Test
  void timeLiterals_coverMariaDbsWholeTimeRange() {
    assertThat(ValueBinder.timeLiteral(Duration.ZERO)).isEqualTo("0:00:00.000000");
    assertThat(ValueBinder.timeLiteral(Duration.parse("PT12H3M4.5S"))).isEqualTo("12:03:04.500000");
    assertThat(ValueBinder.timeLiteral(Duration.parse("PT838H59M59S")))
        .isEqualTo("838:59:59.000000");
    assertThat(ValueBinder.timeLiteral(Duration.parse("-PT838H59M59S")))
        .isEqualTo("-838:59:59.000000");
    assertThat(ValueBinder.timeLiteral(Duration.parse("-PT0.000001S")))
        .isEqualTo("-0:00:00.000001");
  }
}
