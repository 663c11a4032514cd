package io.understudy.daemon.config;

import java.util.Locale;

/**
 * The environment variable that overrides a key: {@code UNDERSTUDY_}, then the key's path with each
 * dot, list index and camel-case hump turned into an underscore, in upper case. So {@code
 * admin.port} is {@code UNDERSTUDY_ADMIN_PORT}, {@code replication.heartbeatInterval} is {@code
 * UNDERSTUDY_REPLICATION_HEARTBEAT_INTERVAL} and {@code nodes[2].host} is {@code
 * UNDERSTUDY_NODES_2_HOST}.
 */
public final class EnvNames {

  public static final String PREFIX = "UNDERSTUDY_";

  private EnvNames() {}

  public static String of(String path) {
    StringBuilder name = new StringBuilder(PREFIX);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        name.append('_');
      } else if (c == ']') {
        continue;
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(c);
      }
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }
}
