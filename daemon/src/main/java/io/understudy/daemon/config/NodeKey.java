package io.understudy.daemon.config;

import java.util.Arrays;
import java.util.Optional;

/** The keys of one entry of {@code nodes}. */
enum NodeKey {
  NAME("name", ValueKind.STRING, null, "a name for logs, status and metrics; unique"),
  HOST("host", ValueKind.STRING, null, "host name or address"),
  PORT("port", ValueKind.INT, "3306", "1 .. 65535"),
  PRIMARY("primary", ValueKind.BOOLEAN, "false", "true on exactly one node");

  private final String key;
  private final ValueKind kind;
  private final String defaultValue;
  private final String meaning;

  NodeKey(String key, ValueKind kind, String defaultValue, String meaning) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  String key() {
    return key;
  }

  ValueKind kind() {
    return kind;
  }

  String defaultValue() {
    return defaultValue;
  }

  String meaning() {
    return meaning;
  }

  static Optional<NodeKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
