package io.understudy.replicator.model;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's family and version, as {@code SELECT VERSION()} tells them.
 *
 * @param text the version string exactly as the server reported it
 */
public record ServerVersion(ServerFlavour flavour, int major, int minor, int patch, String text) {

  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /**
   * Reads the version of the server behind {@code connection}. MariaDB says so in its version
   * ({@code 11.4.5-MariaDB-log}); anything else speaking this protocol is taken for MySQL (Percona
   * Server included).
   */
  public static ServerVersion of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      rs.next();
      return parse(rs.getString(1));
    }
  }

  /**
   * Parses a {@code VERSION()} string.
   *
   * @throws IllegalArgumentException if it holds no {@code major.minor} number
   */
  public static ServerVersion parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("No server version to parse");
    }
    boolean mariaDb = text.toLowerCase(Locale.ROOT).contains("mariadb");
    // MariaDB's handshake once prefixed its version with "5.5.5-" for old clients; skip it.
    String numbers = mariaDb && text.startsWith("5.5.5-") ? text.substring(6) : text;
    Matcher m = NUMBERS.matcher(numbers);
    if (!m.lookingAt()) {
      throw new IllegalArgumentException("Cannot read a server version from '" + text + "'");
    }
    return new ServerVersion(
        mariaDb ? ServerFlavour.MARIADB : ServerFlavour.MYSQL,
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        text);
  }

  /** Whether this version is {@code major.minor.patch} or later. */
  public boolean isAtLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /** For messages: {@code MySQL 8.4.3}, {@code MariaDB 11.4.5}. */
  @Override
  public String toString() {
    return (flavour == ServerFlavour.MARIADB ? "MariaDB " : "MySQL ")
        + major
        + "."
        + minor
        + "."
        + patch;
  }
}
