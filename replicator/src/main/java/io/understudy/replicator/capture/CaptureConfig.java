package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * @param includeSchemas the schemas to capture; empty means every schema except {@link
 *     #NEVER_CAPTURED}. The rows of {@link #HEARTBEAT} are captured either way.
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
    List<String> includeSchemas,
    SourcePosition startPosition,
    ServerFlavour flavour) {

  /**
   * Node-local and system schemas: their DDL and rows never reach another node, with the one
   * exception of the rows of {@link #HEARTBEAT}.
   */
  public static final Set<String> NEVER_CAPTURED =
      Set.of("understudy", "mysql", "sys", "information_schema", "performance_schema");

  /**
   * The replication heartbeat: written on the primary, its rows replicate like user data so that a
   * replica's newest row tells its lag (docs/routing.md). Its DDL does not: every node migrates its
   * own {@code understudy} schema.
   */
  public static final TableId HEARTBEAT = new TableId("understudy", "heartbeat");

  /** Checks every field and throws once, naming all the problems. */
  public CaptureConfig {
    includeSchemas = includeSchemas == null ? List.of() : List.copyOf(includeSchemas);
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
    for (String schema : includeSchemas) {
      if (NEVER_CAPTURED.contains(schema.toLowerCase(Locale.ROOT))) {
        problems.add(
            "includeSchemas names '" + schema + "', which is never captured " + NEVER_CAPTURED);
      }
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
      List<String> includeSchemas,
      SourcePosition startPosition) {
    this(host, port, user, password, serverId, includeSchemas, startPosition, null);
  }

  /** A configuration that captures every schema except {@link #NEVER_CAPTURED}. */
  public static CaptureConfig of(
      String host, int port, String user, String password, long serverId) {
    return new CaptureConfig(host, port, user, password, serverId, List.of(), null);
  }

  /** The same configuration, resuming right after {@code position}. */
  public CaptureConfig startingAfter(SourcePosition position) {
    return new CaptureConfig(
        host, port, user, password, serverId, includeSchemas, position, flavour);
  }

  /**
   * The same configuration under another binlog client server id: two captures of one primary must
   * not share one (the primary would drop the older connection).
   */
  public CaptureConfig withServerId(long id) {
    return new CaptureConfig(
        host, port, user, password, id, includeSchemas, startPosition, flavour);
  }

  /** The same configuration, capturing only {@code schemas}. */
  public CaptureConfig including(List<String> schemas) {
    return new CaptureConfig(host, port, user, password, serverId, schemas, startPosition, flavour);
  }

  /** The same configuration for a primary of {@code serverFlavour}; null detects it. */
  public CaptureConfig withFlavour(ServerFlavour serverFlavour) {
    return new CaptureConfig(
        host, port, user, password, serverId, includeSchemas, startPosition, serverFlavour);
  }

  /**
   * Whether DDL of {@code schema} is captured, and the rows of its tables (but see {@link
   * #capturesRowsOf}).
   */
  public boolean captures(String schema) {
    if (schema == null || NEVER_CAPTURED.contains(schema.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return includeSchemas.isEmpty() || includeSchemas.contains(schema);
  }

  /**
   * Whether row changes of {@code table} are captured: those of captured schemas and the
   * heartbeat's.
   */
  public boolean capturesRowsOf(TableId table) {
    return HEARTBEAT.equals(table) || captures(table.schema());
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
        + ", includeSchemas="
        + includeSchemas
        + ", startPosition="
        + startPosition
        + ", flavour="
        + (flavour == null ? "detect" : flavour)
        + "]";
  }
}
