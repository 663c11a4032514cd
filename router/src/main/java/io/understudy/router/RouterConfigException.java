package io.understudy.router;

import java.util.List;

/**
 * A {@link RouterConfig} could not be built. The message lists every problem found, one per line,
 * so that a deployment needs one round of fixes rather than one per mistake.
 */
public final class RouterConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  RouterConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem names the field or key, the bad value (never a password) and what is allowed. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return "Invalid Understudy router configuration ("
        + count
        + "):\n - "
        + String.join("\n - ", problems);
  }
}
