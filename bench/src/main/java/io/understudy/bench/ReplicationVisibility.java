package io.understudy.bench;

import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.Credentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Watches one replica and records, for every id of a table, when it first became visible there.
 *
 * <p>Why ids on the replica rather than the applier's GTID: the same query measures both sides,
 * Understudy and native replication, and it measures what a reader sees (the row is committed on
 * the replica), not what the replicating process believes. The query is {@code SELECT id ... WHERE
 * id > w}, where {@code w} is the highest id below which every id has been seen: concurrent writers
 * may commit ids out of order, so a plain {@code MAX(id)} would call an id visible whose row is
 * still missing; this query reads the few rows after the watermark and sees every id exactly once
 * it exists.
 *
 * <p>Timing: the time recorded is taken just before the query is sent. The row was not visible at
 * the previous query's start and was visible (committed before this query's read view) at this
 * one's, so the recorded time is late by at most one poll period (the 2 ms pause plus one query
 * round trip). Both sides pay the same error. Times are {@link System#nanoTime()} minus a common
 * origin, the clock the writers use too, so 0 means "not yet seen".
 */
final class ReplicationVisibility implements Runnable {

  private static final long POLL_MILLIS = 2;

  private final ClusterNode replica;
  private final Credentials user;
  private final String table;
  private final long origin;
  private final long[] visibleAt;
  private volatile long lastId = Long.MAX_VALUE;
  private volatile boolean stop;
  private volatile Exception failure;
  private long watermark; // poller thread only

  ReplicationVisibility(
      ClusterNode replica, Credentials user, String table, long origin, int capacity) {
    this.replica = replica;
    this.user = user;
    this.table = table;
    this.origin = origin;
    this.visibleAt = new long[capacity];
  }

  /** When {@code id} became visible (nanos after the origin), or 0 if it never did. */
  long visibleAt(long id) {
    return visibleAt[(int) id];
  }

  /** Tells the poller that no id after {@code id} will come: it stops once it has seen them all. */
  void finishAt(long id) {
    lastId = id;
  }

  /** Stops polling whatever was seen; for when a replica does not catch up in time. */
  void stop() {
    stop = true;
  }

  Exception failure() {
    return failure;
  }

  String replicaName() {
    return replica.name();
  }

  @Override
  public void run() {
    try (Connection connection = replica.connect(user);
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM " + ReplicationSetup.SCHEMA + "." + table + " WHERE id > ?")) {
      while (!stop && watermark < lastId) {
        long sent = System.nanoTime() - origin;
        select.setLong(1, watermark);
        try (ResultSet ids = select.executeQuery()) {
          while (ids.next()) {
            int id = (int) ids.getLong(1);
            if (visibleAt[id] == 0) {
              visibleAt[id] = sent;
            }
          }
        }
        while (watermark + 1 < visibleAt.length && visibleAt[(int) watermark + 1] != 0) {
          watermark++;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (SQLException | RuntimeException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
