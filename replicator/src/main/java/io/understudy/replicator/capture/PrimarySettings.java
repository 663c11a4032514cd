package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.ServerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the capture needs to know about the primary before it starts: its version, the settings
 * row-based capture depends on, the capture user's global privileges, and the current binlog
 * position.
 *
 * @param gtidMode MySQL's {@code @@gtid_mode}; null on MariaDB, whose GTIDs are always on
 * @param enforceGtidConsistency MySQL's {@code @@enforce_gtid_consistency}; null on MariaDB
 * @param globalPrivileges the privileges granted ON *.* to the capture user, upper case
 * @param current the primary's current position: MariaDB {@code @@gtid_binlog_pos}, MySQL
 *     {@code @@gtid_executed} (either may be empty), and the binlog file and position of {@code
 *     SHOW MASTER STATUS} / {@code SHOW BINARY LOG STATUS}
 */
record PrimarySettings(
    ServerVersion version,
    boolean logBin,
    String binlogFormat,
    String binlogRowImage,
    String gtidMode,
    String enforceGtidConsistency,
    Set<String> globalPrivileges,
    ResumeOffset current) {

  /** Privileges the MariaDB connector uses: reading the binlog and the schema snapshot. */
  static final List<String> MARIADB_PRIVILEGES =
      List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR");

  /** The MySQL connector's (Debezium's MySQL connector documentation, "Creating a user"). */
  static final List<String> MYSQL_PRIVILEGES =
      List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT");

  /**
   * Whether a primary of this version can be captured at all; null if it can. Checked before
   * anything else is read, so that an old MySQL fails with this rather than an unknown variable.
   */
  static String unsupported(ServerVersion version, ServerFlavour configured, String primary) {
    if (configured != null && configured != version.flavour()) {
      return primary
          + " runs "
          + version
          + " ("
          + version.text()
          + "), but the capture is configured for "
          + configured
          + ": configure "
          + version.flavour()
          + ", or leave the flavour out to detect it";
    }
    if (version.flavour() == ServerFlavour.MYSQL && version.major() < 8) {
      return primary
          + " runs "
          + version
          + ": capturing MySQL needs 8.0 or later (the MySQL connector, GTID sets and the"
          + " statements used here are those of 8.x); upgrade the primary";
    }
    return null;
  }

  /** Everything that prevents capturing from this primary, each with how to fix it. */
  List<String> problems(String primary, String user) {
    List<String> problems = new ArrayList<>();
    if (!logBin) {
      problems.add(
          "the binary log is off on "
              + primary
              + ": start the server with --log-bin (and --binlog-format=ROW"
              + " --binlog-row-image=FULL)");
    } else {
      if (!"ROW".equalsIgnoreCase(binlogFormat)) {
        problems.add(
            "binlog_format is "
                + binlogFormat
                + " on "
                + primary
                + ", capture needs ROW: SET GLOBAL binlog_format='ROW' and --binlog-format=ROW"
                + " in the server options");
      }
      if (!"FULL".equalsIgnoreCase(binlogRowImage)) {
        problems.add(
            "binlog_row_image is "
                + binlogRowImage
                + " on "
                + primary
                + ", capture needs FULL: SET GLOBAL binlog_row_image='FULL' and"
                + " --binlog-row-image=FULL in the server options");
      }
    }
    if (version.flavour() == ServerFlavour.MYSQL) {
      problems.addAll(mySqlGtidProblems(primary));
    }
    List<String> missing = missingPrivileges();
    if (!missing.isEmpty()) {
      problems.add(
          "user '"
              + user
              + "' lacks "
              + String.join(", ", missing)
              + " on "
              + primary
              + ": GRANT "
              + String.join(", ", missing)
              + " ON *.* TO '"
              + user
              + "'");
    }
    return problems;
  }

  /**
   * MySQL writes GTIDs only with {@code gtid_mode=ON}, which needs {@code
   * enforce_gtid_consistency=ON}; resuming and exactly-once applying rely on GTIDs.
   */
  private List<String> mySqlGtidProblems(String primary) {
    List<String> problems = new ArrayList<>();
    if (!"ON".equalsIgnoreCase(enforceGtidConsistency)) {
      problems.add(
          "enforce_gtid_consistency is "
              + enforceGtidConsistency
              + " on "
              + primary
              + ", capture needs ON: SET GLOBAL enforce_gtid_consistency=ON and"
              + " --enforce-gtid-consistency=ON in the server options");
    }
    if (!"ON".equalsIgnoreCase(gtidMode)) {
      problems.add(
          "gtid_mode is "
              + gtidMode
              + " on "
              + primary
              + ", capture needs ON: raise it one step at a time (SET GLOBAL gtid_mode ="
              + " OFF_PERMISSIVE, then ON_PERMISSIVE, then ON once no anonymous transaction is"
              + " left, as the MySQL manual's \"Enabling GTID Transactions Online\" describes)"
              + " and put --gtid-mode=ON in the server options");
    }
    return problems;
  }

  List<String> missingPrivileges() {
    if (globalPrivileges.contains("ALL PRIVILEGES")) {
      return List.of();
    }
    boolean mySql = version.flavour() == ServerFlavour.MYSQL;
    List<String> missing = new ArrayList<>();
    for (String privilege : mySql ? MYSQL_PRIVILEGES : MARIADB_PRIVILEGES) {
      boolean granted =
          globalPrivileges.contains(privilege)
              // REPLICATION CLIENT is MariaDB's old name of BINLOG MONITOR.
              || (!mySql
                  && privilege.equals("BINLOG MONITOR")
                  && globalPrivileges.contains("REPLICATION CLIENT"));
      if (!granted) {
        missing.add(privilege);
      }
    }
    return missing;
  }

  /** Whether the user may read the current binlog position (SHOW MASTER / BINARY LOG STATUS). */
  static boolean mayReadPosition(Set<String> privileges) {
    return privileges.contains("BINLOG MONITOR")
        || privileges.contains("REPLICATION CLIENT")
        || privileges.contains("SUPER")
        || privileges.contains("ALL PRIVILEGES");
  }

  /**
   * The privileges of a {@code GRANT ... ON *.* TO ...} line of {@code SHOW GRANTS}; empty for
   * grants on anything narrower. MySQL 8 lists dynamic privileges on a line of their own, separated
   * by bare commas ({@code GRANT BACKUP_ADMIN,CONNECTION_ADMIN ON *.* TO ...}).
   */
  static List<String> globalPrivilegesOf(String grantLine) {
    String line = grantLine.trim();
    String upper = line.toUpperCase(Locale.ROOT);
    int on = upper.indexOf(" ON *.* TO ");
    if (!upper.startsWith("GRANT ") || on < 0) {
      return List.of();
    }
    List<String> privileges = new ArrayList<>();
    for (String privilege : upper.substring("GRANT ".length(), on).split(",")) {
      privileges.add(privilege.trim());
    }
    return privileges;
  }
}
