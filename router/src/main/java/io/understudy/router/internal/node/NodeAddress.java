package io.understudy.router.internal.node;

import java.util.Locale;

/**
 * A node's JDBC URL and the {@code host:port} that identifies it: two URLs that differ only in
 * their properties name the same node.
 */
public record NodeAddress(String url, String host, int port) {

  private static final int DEFAULT_PORT = 3306;

  /** Parses {@code jdbc:mysql://host[:port][/db][?props]} (or {@code jdbc:mariadb:}). */
  public static NodeAddress of(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      throw new IllegalArgumentException("Not a JDBC URL with a host: " + url);
    }
    int end = start + 2;
    while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String hostPort = url.substring(start + 2, end);
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || hostPort.endsWith("]")) {
      return new NodeAddress(url, hostPort.toLowerCase(Locale.ROOT), DEFAULT_PORT);
    }
    return new NodeAddress(
        url,
        hostPort.substring(0, colon).toLowerCase(Locale.ROOT),
        Integer.parseInt(hostPort.substring(colon + 1)));
  }

  public String name() {
    return host + ":" + port;
  }

  /** Same server, whatever the URL's other parts say. */
  public boolean sameNodeAs(NodeAddress other) {
    return host.equals(other.host) && port == other.port;
  }
}
