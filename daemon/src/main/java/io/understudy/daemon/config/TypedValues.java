package io.understudy.daemon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from a {@link FlatConfig}, adding a problem (with the value's path) for each
 * value that is missing, malformed or out of bounds, and returning a harmless stand-in so that
 * reading goes on and every problem is found in one pass.
 */
final class TypedValues {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final FlatConfig flat;
  private final List<String> problems;

  TypedValues(FlatConfig flat, List<String> problems) {
    this.flat = flat;
    this.problems = problems;
  }

  /** The value as text, the key's default if absent; null if absent without a default. */
  String text(String path, String defaultValue, boolean required) {
    Object value = flat.get(path);
    if (value == null || String.valueOf(value).isBlank()) {
      if (required && defaultValue == null) {
        problems.add(flat.describe(path) + ": is required");
      }
      return defaultValue;
    }
    if (value instanceof List<?> || value instanceof java.util.Map<?, ?>) {
      problems.add(flat.describe(path) + ": must be a single value");
      return defaultValue;
    }
    return String.valueOf(value).trim();
  }

  String text(ConfigKey key, boolean required) {
    return text(key.path(), key.defaultValue(), required);
  }

  long number(String path, String defaultValue, long min, long max) {
    String text = text(path, defaultValue, true);
    if (text == null) {
      return min;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        problems.add(
            flat.describe(path) + ": must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(flat.describe(path) + ": must be a whole number, not '" + text + "'");
      return min;
    }
  }

  long number(ConfigKey key) {
    return number(key.path(), key.defaultValue(), key.min(), key.max());
  }

  boolean bool(String path, String defaultValue) {
    String text = text(path, defaultValue, true);
    if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
      return Boolean.parseBoolean(text);
    }
    problems.add(flat.describe(path) + ": must be true or false, not '" + text + "'");
    return false;
  }

  Duration duration(ConfigKey key) {
    String text = text(key, true);
    Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      problems.add(
          flat.describe(key.path())
              + ": must be a duration with a unit (500ms, 3s, 1m, 1h), not '"
              + text
              + "'");
      return Duration.ofMillis(key.min());
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration value =
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (value.toMillis() < key.min() || value.toMillis() > key.max()) {
      problems.add(
          flat.describe(key.path())
              + ": must be between "
              + key.min()
              + "ms and "
              + key.max()
              + "ms, not "
              + text);
    }
    return value;
  }

  /** A YAML list, or comma-separated text (as an environment variable gives it). */
  List<String> list(ConfigKey key) {
    Object value = flat.get(key.path());
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null || item instanceof List<?> || item instanceof java.util.Map<?, ?>) {
          problems.add(flat.describe(key.path()) + "[" + i + "]: must be a name or pattern");
        } else {
          items.add(String.valueOf(item));
        }
      }
      return items;
    }
    for (String item : String.valueOf(value).split(",", -1)) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
