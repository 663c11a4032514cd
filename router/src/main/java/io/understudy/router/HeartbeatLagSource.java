package io.understudy.router;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Lag from the heartbeat the replicator maintains: the primary writes {@code UTC_TIMESTAMP(3)} into
 * {@code understudy.heartbeat} every half second and the row replicates like any other, so a
 * replica's lag is now minus the newest heartbeat it holds. Assumes the nodes' clocks agree (NTP);
 * the table is described in {@code docs/routing.md}.
 */
public final class HeartbeatLagSource implements ReplicaLagSource {

  static final String QUERY =
      "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(ts), UTC_TIMESTAMP(6)) FROM understudy.heartbeat";

  @Override
  public Duration lag(Connection replica) throws SQLException {
    try (Statement statement = replica.createStatement();
        ResultSet row = statement.executeQuery(QUERY)) {
      if (!row.next()) {
        return null;
      }
      long micros = row.getLong(1);
      if (row.wasNull()) {
        return null;
      }
      // A heartbeat "from the future" means the clocks differ a little: the replica is current.
      return Duration.ofNanos(Math.max(0, micros) * 1_000);
    }
  }
}
