package io.understudy.replicator.failover.analysis;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as the explanations show them, with their unit: {@code 400ms}, {@code 1.5s}, {@code
 * 5m}.
 */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis >= 60_000 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis >= 1_000) {
      return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
    return millis + "ms";
  }
}
