package io.understudy.replicator.capture;

import io.understudy.replicator.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the capture needs to know about the primary before it starts: the settings row-based capture
 * depends on, the capture user's global privileges, and the current binlog position.
 *
 * @param globalPrivileges the privileges granted ON *.* to the capture user, upper case
 * @param current the primary's current position: GTID position ({@code @@gtid_binlog_pos}, may be
 *     empty) and binlog file/position from {@code SHOW MASTER STATUS}
 */
record PrimarySettings(
    boolean logBin,
    String binlogFormat,
    String binlogRowImage,
    Set<String> globalPrivileges,
    SourcePosition current) {

  /** Privileges the MariaDB connector uses: reading the binlog and the schema snapshot. */
  static final List<String> REQUIRED_PRIVILEGES =
      List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR");

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

  List<String> missingPrivileges() {
    if (globalPrivileges.contains("ALL PRIVILEGES")) {
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    for (String privilege : REQUIRED_PRIVILEGES) {
      boolean granted =
          globalPrivileges.contains(privilege)
              // REPLICATION CLIENT is MariaDB's old name of BINLOG MONITOR.
              || (privilege.equals("BINLOG MONITOR")
                  && globalPrivileges.contains("REPLICATION CLIENT"));
      if (!granted) {
        missing.add(privilege);
      }
    }
    return missing;
  }

  /**
   * The privileges of a {@code GRANT ... ON *.* TO ...} line of {@code SHOW GRANTS}; empty for
   * grants on anything narrower.
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
