package io.understudy.replicator.heartbeat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The statements on {@code understudy.heartbeat} (defined in docs/routing.md, created on every node
 * by the {@code understudy} migration). Its one row is written on the primary and replicates like
 * user data; the applier replays the primary's INSERT, then its UPDATEs.
 */
public final class HeartbeatTable {

  /** The id of the row the replicator writes: one row per writer. */
  public static final int WRITER_ID = 1;

  /**
   * Logged as an INSERT the first time, as an UPDATE after that. Both mentions of {@code
   * UTC_TIMESTAMP(3)} give the statement's start time, so this needs no {@code VALUES(ts)}, which
   * MySQL 8.0.20+ deprecates: the same statement serves MariaDB and MySQL primaries.
   */
  static final String UPSERT =
      "INSERT INTO understudy.heartbeat (id, ts) VALUES ("
          + WRITER_ID
          + ", UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE ts = UTC_TIMESTAMP(3)";

  private HeartbeatTable() {}

  /**
   * Deletes the heartbeat rows of one node. For a replication that starts from scratch (no replica
   * holds a position): the primary's row, if an earlier run left one, would otherwise replicate as
   * an UPDATE of a row the replicas lack, which the applier reports as a divergence; and a replica
   * holding a row while the primary has none would see the first INSERT as a duplicate key.
   */
  public static void clear(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM understudy.heartbeat");
    }
  }
}
