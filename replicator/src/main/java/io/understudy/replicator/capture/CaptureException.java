package io.understudy.replicator.capture;

/** The capture cannot start or cannot go on; the message says what is wrong and what to do. */
public class CaptureException extends RuntimeException {

  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
