package io.understudy.replicator.bootstrap;

/** The Connector/J URLs the copy is given: which node they name, and the copy's own properties. */
final class JdbcUrls {

  private JdbcUrls() {}

  /** {@code host:port} of a Connector/J URL, for messages and logs. */
  static String nodeOf(String jdbcUrl) {
    int start = jdbcUrl.indexOf("//");
    String rest = start < 0 ? jdbcUrl : jdbcUrl.substring(start + 2);
    int end = rest.length();
    for (char stop : new char[] {'/', '?'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return rest.substring(0, end);
  }

  /** {@code url} with {@code properties} appended as query parameters. */
  static String withProperties(String url, String properties) {
    return url + (url.contains("?") ? "&" : "?") + properties;
  }
}
