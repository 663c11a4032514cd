package io.understudy.daemon.config;

import java.util.List;

/** The configuration cannot be used: every problem found, each naming its path in the file. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        "Invalid configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
