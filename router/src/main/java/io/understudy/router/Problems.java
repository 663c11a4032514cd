package io.understudy.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Collects configuration problems so that one exception can report all of them. Problems are found
 * on the builder's fields; {@code keyNames} turns a field path such as {@code
 * primaryPool.maximumPoolSize} into the name the user wrote, which differs between the builder and
 * a properties file.
 */
final class Problems {
  // A set: one bad understudy.pool.* value breaks both pools, but it is one mistake to fix.
  private final Set<String> messages = new LinkedHashSet<>();
  private final UnaryOperator<String> keyNames;

  Problems(UnaryOperator<String> keyNames) {
    this.keyNames = keyNames;
  }

  /** The name the user knows {@code field} by. */
  String keyOf(String field) {
    return keyNames.apply(field);
  }

  /** {@code field} holds {@code shownValue}, which breaks {@code rule}. Never pass a password. */
  void add(String field, String shownValue, String rule) {
    messages.add(keyOf(field) + "=" + shownValue + ": " + rule);
  }

  /** A problem with {@code field} as a whole, such as a missing required value. */
  void add(String field, String rule) {
    messages.add(keyOf(field) + ": " + rule);
  }

  Collection<String> messages() {
    return messages;
  }

  void addAll(Collection<String> earlier) {
    messages.addAll(earlier);
  }

  void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new RouterConfigException(new ArrayList<>(messages));
    }
  }
}
