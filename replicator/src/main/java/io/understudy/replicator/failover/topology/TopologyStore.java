package io.understudy.replicator.failover.topology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes topology epochs on one node at a time ({@code understudy.topology} and {@code
 * topology_member}, node-local: docs/failover.md).
 *
 * <p>Each call opens its own connection from a URL, never from a pool: publishing sets {@code
 * sql_log_bin = 0}, which must not leak into a connection that later carries replicated writes.
 */
public final class TopologyStore {

  /** InnoDB chose this transaction as a deadlock victim; see {@link #publish}. */
  private static final int ER_LOCK_DEADLOCK = 1213;

  private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
  static final int PUBLISH_ATTEMPTS = 3;

  private final String writtenBy;
  private final Clock clock;

  /**
   * @param writtenBy names this monitor in {@code written_by} (at most 255 characters)
   * @param clock gives {@code written_at}
   */
  public TopologyStore(String writtenBy, Clock clock) {
    this.writtenBy = Objects.requireNonNull(writtenBy, "writtenBy");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (writtenBy.isBlank() || writtenBy.length() > 255) {
      throw new IllegalArgumentException(
          "writtenBy must be 1 to 255 characters: '" + writtenBy + "'");
    }
  }

  /**
   * The node's highest epoch, or empty if it holds none. Needs only {@code SELECT} on {@code
   * understudy}, which the application user has, so routers read with their own credentials.
   *
   * @throws SQLDataException if the stored epoch breaks the rules of {@link Topology}
   */
  public Optional<PublishedTopology> readNewest(String jdbcUrl, String user, String password)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      return TopologyRows.readNewest(connection, nodeOf(jdbcUrl));
    }
  }

  /**
   * Writes {@code topology} as the node's newest epoch, in one transaction that enters no binary
   * log, unless the node already holds an epoch at least as high. The check and the write are one
   * compare-and-set inside the transaction: {@code SELECT MAX(epoch) ... FOR UPDATE} locks the end
   * of the table, so no other transaction can add an epoch between the check and the insert.
   *
   * <p>Publishers on one node also queue on a named lock ({@code GET_LOCK}) before they begin.
   * Without it, two publishers deadlock (measured on MariaDB 11.4): the waiting one's locking read
   * holds a gap lock at the end of the index, which the other's insert must wait for. With it, the
   * second publisher starts after the first committed and is refused with the first's epoch. A
   * writer that bypasses this class can still deadlock with a publisher; the publisher then starts
   * again ({@value #PUBLISH_ATTEMPTS} attempts). A node that missed epochs accepts a higher one:
   * epochs need not be consecutive on a node.
   *
   * <p>The user needs {@code SELECT, INSERT} on {@code understudy}, {@code BINLOG ADMIN} (for
   * {@code sql_log_bin}) and, on a node running {@code read_only=ON}, {@code READ_ONLY ADMIN}.
   *
   * @return the epoch as written, with its {@code written_at}
   * @throws StaleEpochException if the node holds {@code topology.epoch()} or higher, naming it
   */
  public PublishedTopology publish(Topology topology, String jdbcUrl, String user, String password)
      throws SQLException, StaleEpochException {
    Objects.requireNonNull(topology, "topology");
    String node = nodeOf(jdbcUrl);
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
        disableBinlog(connection, node, user);
        PublishLock.take(connection, node);
        try {
          return publishOnce(connection, topology, node);
        } finally {
          PublishLock.releaseQuietly(connection);
        }
      } catch (SQLException e) {
        if (e.getErrorCode() != ER_LOCK_DEADLOCK || attempt == PUBLISH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private PublishedTopology publishOnce(Connection connection, Topology topology, String node)
      throws SQLException, StaleEpochException {
    connection.setAutoCommit(false);
    try {
      long newest = TopologyRows.lockNewestEpoch(connection);
      if (newest >= topology.epoch()) {
        PublishedTopology held =
            TopologyRows.readNewest(connection, node)
                .orElseThrow(
                    () ->
                        new SQLDataException(
                            node
                                + " holds epoch "
                                + newest
                                + " without rows in understudy.topology_member; delete that"
                                + " epoch and publish again"));
        connection.rollback();
        throw new StaleEpochException(node, topology.epoch(), held);
      }
      // DATETIME(6) keeps microseconds; truncating here makes the returned value equal the stored.
      Instant writtenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
      TopologyRows.insert(
          connection, topology, LocalDateTime.ofInstant(writtenAt, ZoneOffset.UTC), writtenBy);
      connection.commit();
      return new PublishedTopology(topology, writtenAt, writtenBy);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    }
  }

  private static void disableBinlog(Connection connection, String node, String user)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
    } catch (SQLException e) {
      if (e.getErrorCode() == ER_SPECIFIC_ACCESS_DENIED) {
        throw new SQLException(
            "user '"
                + user
                + "' may not set sql_log_bin on "
                + node
                + ", so the topology would enter the binary log and replicate; grant it BINLOG"
                + " ADMIN (MariaDB; SESSION_VARIABLES_ADMIN on MySQL)",
            e.getSQLState(),
            e.getErrorCode(),
            e);
      }
      throw e;
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** The node as named in messages: its URL without parameters, which might hold secrets. */
  static String nodeOf(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
