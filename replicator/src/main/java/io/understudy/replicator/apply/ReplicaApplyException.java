package io.understudy.replicator.apply;

/**
 * Why a {@link ReplicaApplier} stopped for good: retrying could not help, so it needs an operator.
 * The replica transaction that failed was rolled back.
 */
public class ReplicaApplyException extends Exception {

  private final String replica;

  public ReplicaApplyException(String replica, String message, Throwable cause) {
    super(message, cause);
    this.replica = replica;
  }

  /** The replica's name, as in {@link ApplierConfig#replica()}. */
  public String replica() {
    return replica;
  }
}
