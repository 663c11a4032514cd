package io.understudy.router;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Measures how far a replica is behind the primary, on a connection to that replica. The router
 * asks on its health thread, never on the statement path.
 */
@FunctionalInterface
public interface ReplicaLagSource {

  /** The replica's lag, or null when it cannot be told (then a lag limit keeps reads away). */
  Duration lag(Connection replica) throws SQLException;
}
