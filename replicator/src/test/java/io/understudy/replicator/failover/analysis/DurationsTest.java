package io.understudy.replicator.failover.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
    "0, 0ms",
    "999, 999ms",
    "1000, 1s",
    "1500, 1.5s",
    "2050, 2.05s",
    "59999, 59.999s",
    "60000, 1m",
    "90000, 90s",
    "300000, 5m"
  })
  void format_keepsTheUnit_andDropsTrailingZeros(long millis, String expected) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }
}
