package io.understudy.daemon.config;

/** How a configuration value is written, in the file and in an environment variable. */
enum ValueKind {
  STRING("text"),
  INT("a whole number"),
  LONG("a whole number"),
  BOOLEAN("true or false"),
  DURATION("a duration with a unit: 500ms, 3s, 1m, 1h"),
  LIST("a list (in the environment: comma-separated)");

  private final String description;

  ValueKind(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
