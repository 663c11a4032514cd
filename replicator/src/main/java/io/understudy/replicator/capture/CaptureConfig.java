package io.understudy.replicator.capture;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.heartbeat.HeartbeatTable;
import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@link BinlogCapture} needs to follow a primary's binlog.
 *
 * @param host the primary's host name or address
 * @param port the primary's port
 * @param user a user with SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and BINLOG MONITOR
 *     (MySQL: REPLICATION CLIENT)
 * @param password that user's password; never shown by {@link #toString()}
 * @param serverId the server id the binlog client announces to the primary; it must differ from
 *     every server's and every other binlog client's id (Understudy uses 5400 and up)
 * @param filter the schemas and tables to capture; null means {@link ReplicationFilter#all()}. The
 *     rows of {@link #HEARTBEAT} are captured whatever it says.
 * @param startPosition the last transaction already applied everywhere: capture resumes right after
 *     it; null starts at the primary's current position
 * @param flavour the primary's server family, which picks the Debezium connector; null detects it
 *     from {@code SELECT VERSION()}. A configured flavour the primary does not run is refused.
 */
public record CaptureConfig(
    String host,
    int port,
    String user,
    String password,
    long serverId,
    ReplicationFilter filter,
    SourcePosition startPosition,
    ServerFlavour flavour) {

  /**
   * Node-local and system schemas: their DDL and rows never reach another node, with the one
   * exception of the rows of {@link #HEARTBEAT}.
   */
  public static final Set<String> NEVER_CAPTURED = ReplicationFilter.NEVER_REPLICATED;

  /**
   * The replication heartbeat: written on the primary, its rows replicate like user data so that a
   * replica's newest row tells its lag (docs/routing.md). Its DDL does not: every node migrates its
   * own {@code understudy} schema.
   */
  public static final TableId HEARTBEAT = HeartbeatTable.TABLE;

  /** Checks every field and throws once, naming all the problems. */
  public CaptureConfig {
    filter = filter == null ? ReplicationFilter.all() : filter;
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("host is missing");
    }
    if (port < 1 || port > 65535) {
      problems.add("port " + port + " is not between 1 and 65535");
    }
    if (user == null || user.isBlank()) {
      problems.add("user is missing");
    }
    if (password == null) {
      problems.add("password is missing (use \"\" for none)");
    }
    if (serverId < 1 || serverId > 4294967295L) {
      problems.add("serverId " + serverId + " is not between 1 and 4294967295");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid capture configuration: " + problems);
    }
  }

  /** A configuration whose flavour is detected from the primary. */
  public CaptureConfig(
      String host,
      int port,
      String user,
      String password,
      long serverId,
      ReplicationFilter filter,
      SourcePosition startPosition) {
    this(host, port, user, password, serverId, filter, startPosition, null);
  }

  /** A configuration that captures every schema except {@link #NEVER_CAPTURED}. */
  public static CaptureConfig of(
      String host, int port, String user, String password, long serverId) {
    return new CaptureConfig(host, port, user, password, serverId, ReplicationFilter.all(), null);
  }

  /** The same configuration, resuming right after {@code position}. */
  public CaptureConfig startingAfter(SourcePosition position) {
    return new CaptureConfig(host, port, user, password, serverId, filter, position, flavour);
  }

  /**
   * The same configuration under another binlog client server id: two captures of one primary must
   * not share one (the primary would drop the older connection).
   */
  public CaptureConfig withServerId(long id) {
    return new CaptureConfig(host, port, user, password, id, filter, startPosition, flavour);
  }

  /** The same configuration, capturing what {@code filter} allows. */
  public CaptureConfig filtering(ReplicationFilter filter) {
    return new CaptureConfig(host, port, user, password, serverId, filter, startPosition);
  }

  /** The same configuration, capturing only {@code schemas} (exact names or patterns). */
  public CaptureConfig including(List<String> schemas) {
    return filtering(ReplicationFilter.builder().includeSchemas(schemas).build());
  }

  /** The same configuration for a primary of {@code serverFlavour}; null detects it. */
  public CaptureConfig withFlavour(ServerFlavour serverFlavour) {
    return new CaptureConfig(
        host, port, user, password, serverId, filter, startPosition, serverFlavour);
  }

  /**
   * Whether a DDL record passes: one about tables when the filter allows every one of them, one
   * about a schema only (no tables: {@code CREATE DATABASE}) when it allows {@code schema}. No DDL
   * of {@code understudy} passes, the heartbeat's included.
   *
   * @param schema the schema the record belongs to
   * @param tables the tables it changes, as the connector reports them; may be empty
   */
  public boolean capturesDdl(String schema, List<TableId> tables) {
    if (tables.isEmpty()) {
      return filter.allowsSchema(schema);
    }
    return tables.stream().allMatch(filter::allows);
  }

  /**
   * Whether row changes of {@code table} are captured: those the filter allows and the heartbeat's.
   */
  public boolean capturesRowsOf(TableId table) {
    return HEARTBEAT.equals(table) || filter.allows(table);
  }

  /** Where the primary is, for messages. */
  public String primary() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "CaptureConfig[primary="
        + primary()
        + ", user="
        + user
        + ", password=****, serverId="
        + serverId
        + ", filter="
        + filter
        + ", startPosition="
        + startPosition
        + ", flavour="
        + (flavour == null ? "detect" : flavour)
        + "]";
  }
}
