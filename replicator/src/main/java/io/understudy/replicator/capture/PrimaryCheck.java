package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.ServerVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the primary's settings over JDBC before the engine starts, so that a wrong password, a
 * binlog that is off or not row-based, or a missing grant fails {@code start()} with a message that
 * says how to fix it, instead of surfacing later as a Debezium stack trace on another thread. The
 * server's flavour comes from {@code SELECT VERSION()} and picks the settings to read.
 */
final class PrimaryCheck {

  private static final int ACCESS_DENIED = 1045;

  private PrimaryCheck() {}

  /** Checks {@code config}'s primary and returns its settings; throws if capture cannot work. */
  static PrimarySettings verify(CaptureConfig config) {
    PrimarySettings settings = read(config);
    List<String> problems = settings.problems(config.primary(), config.user());
    if (!problems.isEmpty()) {
      throw new CaptureException(
          "Cannot capture from " + config.primary() + ": " + String.join("; ", problems));
    }
    return settings;
  }

  private static PrimarySettings read(CaptureConfig config) {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    props.setProperty("password", config.password());
    props.setProperty("connectTimeout", "10000");
    String url = "jdbc:mysql://" + config.host() + ":" + config.port() + "/";
    try (Connection connection = DriverManager.getConnection(url, props);
        Statement statement = connection.createStatement()) {
      ServerVersion version = ServerVersion.of(connection);
      String refusal = PrimarySettings.unsupported(version, config.flavour(), config.primary());
      if (refusal != null) {
        throw new CaptureException("Cannot capture from " + config.primary() + ": " + refusal);
      }
      Set<String> privileges = new HashSet<>();
      try (ResultSet rs = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
        while (rs.next()) {
          privileges.addAll(PrimarySettings.globalPrivilegesOf(rs.getString(1)));
        }
      }
      return version.flavour() == ServerFlavour.MYSQL
          ? readMySql(statement, version, privileges)
          : readMariaDb(statement, version, privileges);
    } catch (SQLException e) {
      throw new CaptureException(describe(config, e), e);
    }
  }

  private static PrimarySettings readMariaDb(
      Statement statement, ServerVersion version, Set<String> privileges) throws SQLException {
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@gtid_binlog_pos,"
                + " @@gtid_domain_id, @@server_id")) {
      rs.next();
      boolean logBin = rs.getBoolean(1);
      String gtid = rs.getString(4);
      if (gtid == null || gtid.isEmpty()) {
        // No transaction in the binlog yet. The binlog client fails on an empty GTID position
        // (NullPointerException in Debezium 3.5), so ask for "sequence 0" of the primary's own
        // stream: everything this primary will write.
        gtid = rs.getLong(5) + "-" + rs.getLong(6) + "-0";
      }
      return new PrimarySettings(
          version,
          logBin,
          rs.getString(2),
          rs.getString(3),
          null,
          null,
          privileges,
          current(statement, "SHOW MASTER STATUS", logBin, privileges, gtid));
    }
  }

  private static PrimarySettings readMySql(
      Statement statement, ServerVersion version, Set<String> privileges) throws SQLException {
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@gtid_mode,"
                + " @@enforce_gtid_consistency, @@gtid_executed")) {
      rs.next();
      boolean logBin = rs.getBoolean(1);
      // SHOW MASTER STATUS was renamed in 8.2 and removed in 8.4.
      String status = version.isAtLeast(8, 2, 0) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
      return new PrimarySettings(
          version,
          logBin,
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          privileges,
          // An empty set is fine here: the connector then reads the (GTID-less) binlog from its
          // start, which on a server that has never written a transaction is nothing.
          current(statement, status, logBin, privileges, rs.getString(6)));
    }
  }

  /** The current binlog coordinates, when the user may read them; GTIDs as read before. */
  private static ResumeOffset current(
      Statement statement, String query, boolean logBin, Set<String> privileges, String gtids)
      throws SQLException {
    if (!logBin || !PrimarySettings.mayReadPosition(privileges)) {
      return new ResumeOffset(gtids, null, 0); // start() fails on the problems anyway
    }
    try (ResultSet rs = statement.executeQuery(query)) {
      if (rs.next()) {
        return new ResumeOffset(gtids, rs.getString("File"), rs.getLong("Position"));
      }
      return new ResumeOffset(gtids, null, 0);
    }
  }

  private static String describe(CaptureConfig config, SQLException e) {
    if (e.getErrorCode() == ACCESS_DENIED) {
      return "Cannot capture from "
          + config.primary()
          + ": access denied for user '"
          + config.user()
          + "' (wrong password, or the user may not connect from this host): check the"
          + " capture's user and password";
    }
    String state = e.getSQLState();
    if (state != null && state.startsWith("08")) {
      return "Cannot capture from "
          + config.primary()
          + ": the server cannot be reached ("
          + e.getMessage()
          + "): check host, port and that the server runs";
    }
    return "Cannot capture from "
        + config.primary()
        + ": reading its settings failed ("
        + e.getMessage()
        + ")";
  }
}
