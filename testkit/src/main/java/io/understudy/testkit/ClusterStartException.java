package io.understudy.testkit;

/** A cluster or node could not be started; the message says which and what to check. */
public class ClusterStartException extends RuntimeException {

  public ClusterStartException(String message) {
    super(message);
  }

  public ClusterStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
