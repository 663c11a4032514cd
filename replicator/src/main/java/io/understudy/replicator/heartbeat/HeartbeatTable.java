package io.understudy.replicator.heartbeat;

import io.understudy.replicator.model.TableId;

/**
 * The statements on {@code understudy.heartbeat} (defined in docs/routing.md, created on every node
 * by the {@code understudy} migration). Its one row is written on the primary and replicates like
 * user data; the applier replays the primary's INSERT, then its UPDATEs.
 */
public final class HeartbeatTable {

  /** The table; its {@code ts} column is a DATETIME(3) in UTC. */
  public static final TableId TABLE = new TableId("understudy", "heartbeat");

  /** The id of the row the replicator writes: one row per writer. */
  public static final int WRITER_ID = 1;

  /**
   * Logged as an INSERT the first time, as an UPDATE after that. Both mentions of {@code
   * UTC_TIMESTAMP(3)} give the statement's start time, so this needs no {@code VALUES(ts)}, which
   * MySQL 8.0.20+ deprecates: the same statement serves MariaDB and MySQL primaries.
   */
  public static final String UPSERT =
      "INSERT INTO understudy.heartbeat (id, ts) VALUES ("
          + WRITER_ID
          + ", UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE ts = UTC_TIMESTAMP(3)";

  private HeartbeatTable() {}
}
