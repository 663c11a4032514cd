package io.understudy.router;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The node a single-host MySQL or MariaDB JDBC URL points at. The router keeps one pool per node
 * and decides itself which node gets a statement, so a URL naming several hosts, or a driver mode
 * that balances on its own, would route behind its back.
 */
record JdbcUrl(String host, int port) {
  static final String FORM =
      "jdbc:mysql://host[:port][/database][?properties]"
          + " or jdbc:mariadb://host[:port][/database][?properties]";
  private static final List<String> SCHEMES = List.of("jdbc:mysql://", "jdbc:mariadb://");
  private static final int DEFAULT_PORT = 3306;

  /** The URL's node, or empty after recording in {@code problems} why the URL is unusable. */
  static Optional<JdbcUrl> check(String field, String url, Problems problems) {
    if (url == null || url.isBlank()) {
      problems.add(field, "is required; expected " + FORM);
      return Optional.empty();
    }
    try {
      return Optional.of(parse(url));
    } catch (IllegalArgumentException e) {
      problems.add(field, masked(url), e.getMessage() + "; expected " + FORM);
      return Optional.empty();
    }
  }

  /**
   * Checks the URL of every node, and that no node appears twice: two pools on one server would
   * skew the balancing and, if one of them is the primary's, send reads to the primary unawares.
   */
  static void checkNodes(String primaryUrl, List<ReplicaConfig> replicas, Problems problems) {
    Map<String, String> fieldOfNode = new HashMap<>();
    check("primaryUrl", primaryUrl, problems)
        .ifPresent(node -> fieldOfNode.put(node.node(), "primaryUrl"));
    for (int i = 0; i < replicas.size(); i++) {
      String field = "replicas[" + i + "]";
      ReplicaConfig replica = replicas.get(i);
      check(field, replica.url(), problems)
          .map(JdbcUrl::node)
          .ifPresent(
              node -> {
                String first = fieldOfNode.putIfAbsent(node, field);
                if (first != null) {
                  String rule = "is the same node (" + node + ") as " + problems.keyOf(first);
                  problems.add(field, masked(replica.url()), rule);
                }
              });
    }
  }

  /** Host and port identify a node; the database and the driver properties do not. */
  String node() {
    String name = host.toLowerCase(Locale.ROOT);
    return (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
  }

  /** The URL with credentials replaced by {@code ****}, fit for logs and messages. */
  static String masked(String url) {
    if (url == null) {
      return null;
    }
    String hidden = url;
    int authorityStart = url.contains("//") ? url.indexOf("//") + 2 : 0;
    int at = url.lastIndexOf('@', authorityEnd(url, authorityStart) - 1);
    if (at >= authorityStart) {
      hidden = url.substring(0, authorityStart) + "****" + url.substring(at);
    }
    int query = hidden.indexOf('?');
    if (query < 0) {
      return hidden;
    }
    StringBuilder out = new StringBuilder(hidden.substring(0, query + 1));
    String separator = "";
    for (String pair : hidden.substring(query + 1).split("&", -1)) {
      int equals = pair.indexOf('=');
      boolean secret =
          equals > 0 && pair.substring(0, equals).toLowerCase(Locale.ROOT).contains("password");
      out.append(separator).append(secret ? pair.substring(0, equals + 1) + "****" : pair);
      separator = "&";
    }
    return out.toString();
  }

  static JdbcUrl parse(String url) {
    String scheme =
        SCHEMES.stream()
            .filter(url::startsWith)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("is not a MySQL or MariaDB URL"));
    String authority = url.substring(scheme.length(), authorityEnd(url, scheme.length()));
    if (authority.contains(",")) {
      throw new IllegalArgumentException("names more than one host; give each node its own URL");
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException("carries credentials; set username and password instead");
    }
    boolean ipv6 = authority.startsWith("["); // its colons do not separate a port
    int hostEnd = ipv6 ? authority.indexOf(']') + 1 : authority.indexOf(':');
    if (ipv6 && hostEnd == 0) {
      throw new IllegalArgumentException("has a '[' but no ']' around its IPv6 host");
    }
    hostEnd = hostEnd < 0 ? authority.length() : hostEnd;
    String host = ipv6 ? authority.substring(1, hostEnd - 1) : authority.substring(0, hostEnd);
    String rest = authority.substring(hostEnd);
    if (!rest.isEmpty() && !rest.startsWith(":")) {
      throw new IllegalArgumentException("has '" + rest + "' after its IPv6 host");
    }
    String symbols = ipv6 ? ".:%" : ".-_";
    if (host.isEmpty()) {
      throw new IllegalArgumentException("has no host");
    }
    if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || symbols.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("has a host '" + host + "' that is not a host name");
    }
    return new JdbcUrl(host, rest.isEmpty() ? DEFAULT_PORT : parsePort(rest.substring(1)));
  }

  private static int parsePort(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("has a ':' but no port after it");
    }
    if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("has a port '" + text + "' that is not a number");
    }
    int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("has port " + text + ", outside 1..65535");
    }
    return port;
  }

  /** Where the host part ends: at the database path, the properties, or the end. */
  private static int authorityEnd(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      if (url.charAt(i) == '/' || url.charAt(i) == '?') {
        return i;
      }
    }
    return url.length();
  }
}
