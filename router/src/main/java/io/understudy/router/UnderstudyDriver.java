package io.understudy.router;

import io.understudy.router.internal.jdbc.SqlStates;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A JDBC driver for tools that accept only a URL: {@code
 * jdbc:understudy://primary:3306,replica1:3306,replica2:3306/db?user=app&password=...}. The first
 * host is the primary, the others replicas; {@code understudy.*} parameters configure the router
 * (see docs/configuration.md), every other parameter goes to each node's Connector/J URL. Each
 * distinct URL and user gets one {@link ReplicatedDataSource}, kept for the life of the JVM.
 */
public final class UnderstudyDriver implements Driver {

  public static final String PREFIX = "jdbc:understudy://";

  private static final Map<String, ReplicatedDataSource> DATA_SOURCES = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new UnderstudyDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: another driver's URL.
    }
    Properties properties = toRouterProperties(url, info);
    String key = url + "|" + properties.getProperty("understudy.username");
    try {
      return DATA_SOURCES
          .computeIfAbsent(key, k -> ReplicatedDataSource.fromProperties(properties))
          .getConnection();
    } catch (RouterConfigException e) {
      throw SqlStates.invalidUrl(redact(url), e.getMessage(), e);
    }
  }

  /** Translates the URL into the documented {@code understudy.*} properties. */
  static Properties toRouterProperties(String url, Properties info) throws SQLException {
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    int question = rest.indexOf('?');
    int hostsEnd = slash >= 0 ? slash : question >= 0 ? question : rest.length();
    String[] hosts = rest.substring(0, hostsEnd).split(",");
    String database = "";
    if (slash >= 0) {
      database = rest.substring(slash + 1, question > slash ? question : rest.length());
    }
    Properties result = new Properties();
    List<String> nodeParameters = new ArrayList<>();
    if (info != null) {
      copyCredentials(info, result);
    }
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (name.startsWith("understudy.")) {
          result.setProperty(name, value);
        } else if (name.equals("user")) {
          result.setProperty("understudy.username", value);
        } else if (name.equals("password")) {
          result.setProperty("understudy.password", value);
        } else {
          nodeParameters.add(pair);
        }
      }
    }
    if (hosts.length == 0 || hosts[0].isBlank()) {
      throw SqlStates.invalidUrl(
          redact(url), "no host; expected " + PREFIX + "primary:3306,replica:3306/db", null);
    }
    String suffix =
        "/" + database + (nodeParameters.isEmpty() ? "" : "?" + String.join("&", nodeParameters));
    result.setProperty("understudy.primary.url", "jdbc:mysql://" + hosts[0].strip() + suffix);
    List<String> replicas = new ArrayList<>();
    for (int i = 1; i < hosts.length; i++) {
      replicas.add("jdbc:mysql://" + hosts[i].strip() + suffix);
    }
    if (!replicas.isEmpty()) {
      result.setProperty("understudy.replicas", String.join(",", replicas));
    }
    return result;
  }

  private static void copyCredentials(Properties info, Properties result) {
    for (String name : info.stringPropertyNames()) {
      String value = info.getProperty(name);
      if (name.equals("user")) {
        result.setProperty("understudy.username", value);
      } else if (name.equals("password")) {
        result.setProperty("understudy.password", value);
      } else if (name.startsWith("understudy.")) {
        result.setProperty(name, value);
      }
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The URL without its password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1****");
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** Not compliant: the router is not a full SQL-92 driver on its own. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw SqlStates.notSupported("Understudy logs through SLF4J");
  }
}
