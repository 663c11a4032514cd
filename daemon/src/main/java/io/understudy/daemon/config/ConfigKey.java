package io.understudy.daemon.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every scalar and list key of the file outside {@code nodes} (whose entries are {@link NodeKey}s):
 * its path, kind, default, bounds and meaning. Parsing, environment names and docs/daemon.md all
 * follow this table.
 */
public enum ConfigKey {
  CREDENTIALS_USER(
      "credentials.user", ValueKind.STRING, null, 0, 0, "the replicator's database user"),
  CREDENTIALS_PASSWORD_ENV(
      "credentials.passwordEnv",
      ValueKind.STRING,
      "UNDERSTUDY_CREDENTIALS_PASSWORD",
      0,
      0,
      "the environment variable holding the password"),
  CREDENTIALS_PASSWORD_FILE(
      "credentials.passwordFile",
      ValueKind.STRING,
      null,
      0,
      0,
      "a file holding the password (one line); wins over passwordEnv"),
  REPLICATION_SERVER_ID(
      "replication.serverId",
      ValueKind.LONG,
      "5401",
      1,
      4_294_967_000L,
      "binlog client id; the replicas' catch-up captures use the next ones"),
  REPLICATION_QUEUE_CAPACITY(
      "replication.queueCapacity",
      ValueKind.INT,
      "1000",
      1,
      1_000_000,
      "transactions that may wait per replica"),
  REPLICATION_HEARTBEAT_INTERVAL(
      "replication.heartbeatInterval",
      ValueKind.DURATION,
      "500ms",
      10,
      60_000,
      "how often the primary's heartbeat row is written (the lag's resolution)"),
  REPLICATION_DETACH_AFTER(
      "replication.detachAfter",
      ValueKind.DURATION,
      "5s",
      100,
      600_000,
      "how long a replica's full queue may hold the stream back before it is detached"),
  FILTER_INCLUDE_SCHEMAS(
      "replication.filter.includeSchemas", ValueKind.LIST, "", 0, 0, "schema patterns"),
  FILTER_EXCLUDE_SCHEMAS(
      "replication.filter.excludeSchemas", ValueKind.LIST, "", 0, 0, "schema patterns"),
  FILTER_INCLUDE_TABLES(
      "replication.filter.includeTables", ValueKind.LIST, "", 0, 0, "schema.table patterns"),
  FILTER_EXCLUDE_TABLES(
      "replication.filter.excludeTables", ValueKind.LIST, "", 0, 0, "schema.table patterns"),
  ADMIN_BIND(
      "admin.bind", ValueKind.STRING, "127.0.0.1", 0, 0, "address the admin server listens on"),
  ADMIN_PORT(
      "admin.port", ValueKind.INT, "8089", 0, 65_535, "admin server port; 0 picks a free one"),
  ADMIN_TOKEN_ENV(
      "admin.tokenEnv",
      ValueKind.STRING,
      "UNDERSTUDY_ADMIN_TOKEN",
      0,
      0,
      "the environment variable holding the bearer token of mutating endpoints"),
  ADMIN_TOKEN_FILE(
      "admin.tokenFile",
      ValueKind.STRING,
      null,
      0,
      0,
      "a file holding the bearer token; wins over tokenEnv");

  private final String path;
  private final ValueKind kind;
  private final String defaultValue;
  private final long min;
  private final long max;
  private final String meaning;

  ConfigKey(String path, ValueKind kind, String defaultValue, long min, long max, String meaning) {
    this.path = path;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.meaning = meaning;
  }

  public String path() {
    return path;
  }

  ValueKind kind() {
    return kind;
  }

  /** Null when the key is required or optional without a default. */
  String defaultValue() {
    return defaultValue;
  }

  /** Bounds of numbers; of durations, in milliseconds. */
  long min() {
    return min;
  }

  long max() {
    return max;
  }

  public String meaning() {
    return meaning;
  }

  public String environmentVariable() {
    return EnvNames.of(path);
  }

  static Optional<ConfigKey> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }
}
