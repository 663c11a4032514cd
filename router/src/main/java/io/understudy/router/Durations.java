package io.understudy.router;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in configuration: a whole number and a unit. A bare number is
 * refused rather than guessed at, because HikariCP's milliseconds and other tools' seconds make
 * either guess wrong for someone.
 */
final class Durations {
  static final String FORM = "a whole number with a unit ms, s, m or h, like 500ms or 3s";

  private Durations() {}

  /**
   * Parses {@code 0}, {@code 500ms}, {@code 3s}, {@code 2m} or {@code 1h}.
   *
   * @throws IllegalArgumentException saying what is wrong, fit to follow "key=value: "
   */
  static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    int unitStart = 0;
    while (unitStart < trimmed.length() && Character.isDigit(trimmed.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0) {
      throw new IllegalArgumentException("must be " + FORM);
    }
    if (unitStart == trimmed.length()) {
      throw new IllegalArgumentException("durations need a unit: ms, s, m, h (like 500ms or 3s)");
    }
    String unit = trimmed.substring(unitStart).toLowerCase(Locale.ROOT);
    if (!unit.chars().allMatch(Character::isLetter)) {
      throw new IllegalArgumentException("must be " + FORM);
    }
    try {
      long amount = Long.parseLong(trimmed.substring(0, unitStart));
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default ->
            throw new IllegalArgumentException("unknown unit '" + unit + "'; must be " + FORM);
      };
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw new IllegalArgumentException("is too large; must be " + FORM);
    }
  }

  /** Writes a duration the way {@link #parse} reads it, in the largest unit that is exact. */
  static String format(Duration duration) {
    if (duration == null) {
      return "(unset)";
    }
    if (duration.isZero()) {
      return "0";
    }
    boolean wholeMillis = duration.getNano() % 1_000_000 == 0;
    if (!wholeMillis || Math.abs(duration.getSeconds()) > Long.MAX_VALUE / 1000) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
