package io.understudy.replicator.bootstrap;

import java.sql.SQLException;

/**
 * A snapshot copy was not started because it could lose data or cannot be exact; the message says
 * why and what to do. No replicated table of the replica was changed.
 */
public final class SnapshotRefusedException extends SQLException {

  private static final long serialVersionUID = 1L;

  SnapshotRefusedException(String message) {
    super(message);
  }
}
