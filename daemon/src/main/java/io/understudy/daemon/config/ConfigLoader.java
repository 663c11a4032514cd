package io.understudy.daemon.config;

import io.understudy.replicator.ReplicationFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML file, lays the environment's overrides over it ({@link EnvNames}), and checks
 * everything before anything starts: the result is a usable {@link DaemonConfig}, or a {@link
 * ConfigException} listing every problem with its path.
 */
public final class ConfigLoader {

  /** A usable configuration, and variables that looked like overrides but matched no key. */
  public record Loaded(DaemonConfig config, List<String> unknownVariables) {}

  private static final int MIN_TOKEN_LENGTH = 16;

  private ConfigLoader() {}

  public static Loaded load(Path file, Map<String, String> env) throws ConfigException {
    return parse(read(file), env);
  }

  /** Parses {@code yaml} as if it were the file's content. */
  public static Loaded parse(String yaml, Map<String, String> env) throws ConfigException {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new ConfigException(List.of("not valid YAML: " + e.getMessage()));
    }
    if (root != null && !(root instanceof Map<?, ?>)) {
      throw new ConfigException(List.of("the file must be a mapping of keys (nodes, ...)"));
    }
    List<String> problems = new ArrayList<>();
    FlatConfig flat = new FlatConfig(root == null ? Map.of() : (Map<?, ?>) root, problems);
    List<String> unknown = flat.override(env, secretVariables(flat, env));
    DaemonConfig config = read(flat, env, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Loaded(config, unknown);
  }

  private static String read(Path file) throws ConfigException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              "cannot read the configuration file "
                  + file
                  + " ("
                  + e.getClass().getSimpleName()
                  + "): give its path with --config"));
    }
  }

  /** The variables that hold the password and the token are read as secrets, not as keys. */
  private static List<String> secretVariables(FlatConfig flat, Map<String, String> env) {
    List<String> names = new ArrayList<>();
    for (ConfigKey key : List.of(ConfigKey.CREDENTIALS_PASSWORD_ENV, ConfigKey.ADMIN_TOKEN_ENV)) {
      names.add(key.defaultValue());
      String overridden = env.get(key.environmentVariable());
      Object inFile = flat.get(key.path());
      names.add(overridden != null ? overridden : inFile == null ? "" : String.valueOf(inFile));
    }
    return names;
  }

  private static DaemonConfig read(
      FlatConfig flat, Map<String, String> env, List<String> problems) {
    TypedValues values = new TypedValues(flat, problems);
    List<DaemonConfig.Node> nodes = nodes(flat, values, problems);
    String user = values.text(ConfigKey.CREDENTIALS_USER, true);
    String passwordVariable = values.text(ConfigKey.CREDENTIALS_PASSWORD_ENV, true);
    Optional<Secret> password =
        SecretSource.read(
            "credentials.password",
            values.text(ConfigKey.CREDENTIALS_PASSWORD_FILE, false),
            passwordVariable,
            env,
            problems);
    if (password.isEmpty() && !flat.has(ConfigKey.CREDENTIALS_PASSWORD_FILE.path())) {
      problems.add(
          "credentials.password: not given: set the environment variable "
              + passwordVariable
              + " or credentials.passwordFile");
    }
    long serverId = values.number(ConfigKey.REPLICATION_SERVER_ID);
    int queueCapacity = (int) values.number(ConfigKey.REPLICATION_QUEUE_CAPACITY);
    var heartbeat = values.duration(ConfigKey.REPLICATION_HEARTBEAT_INTERVAL);
    var detachAfter = values.duration(ConfigKey.REPLICATION_DETACH_AFTER);
    ReplicationFilter filter = filter(values, problems);
    String bind = values.text(ConfigKey.ADMIN_BIND, true);
    int port = (int) values.number(ConfigKey.ADMIN_PORT);
    Optional<Secret> token =
        SecretSource.read(
            "admin.token",
            values.text(ConfigKey.ADMIN_TOKEN_FILE, false),
            values.text(ConfigKey.ADMIN_TOKEN_ENV, true),
            env,
            problems);
    if (token.isPresent() && token.get().reveal().length() < MIN_TOKEN_LENGTH) {
      problems.add(
          "admin.token: must be at least "
              + MIN_TOKEN_LENGTH
              + " characters (for example: openssl rand -hex 24)");
    }
    return new DaemonConfig(
        nodes,
        user,
        password.orElse(new Secret("")),
        serverId,
        queueCapacity,
        heartbeat,
        detachAfter,
        filter,
        new DaemonConfig.Admin(bind, port, token));
  }

  private static List<DaemonConfig.Node> nodes(
      FlatConfig flat, TypedValues values, List<String> problems) {
    List<DaemonConfig.Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int primaries = 0;
    for (int i = 0; i < flat.nodeCount(); i++) {
      String at = "nodes[" + i + "].";
      String name = values.text(at + "name", null, true);
      String host = values.text(at + "host", null, true);
      int port = (int) values.number(at + "port", NodeKey.PORT.defaultValue(), 1, 65_535);
      boolean primary = values.bool(at + "primary", NodeKey.PRIMARY.defaultValue());
      if (name != null && !names.add(name)) {
        problems.add(flat.describe(at + "name") + ": '" + name + "' names another node too");
      }
      primaries += primary ? 1 : 0;
      nodes.add(new DaemonConfig.Node(name, host, port, primary));
    }
    if (nodes.size() < 2) {
      problems.add("nodes: at least two are needed, a primary and a replica");
    } else if (primaries != 1) {
      problems.add(
          "nodes: exactly one must have primary: true, not " + primaries + " of " + nodes.size());
    }
    return nodes;
  }

  private static ReplicationFilter filter(TypedValues values, List<String> problems) {
    try {
      return ReplicationFilter.builder()
          .includeSchemas(values.list(ConfigKey.FILTER_INCLUDE_SCHEMAS))
          .excludeSchemas(values.list(ConfigKey.FILTER_EXCLUDE_SCHEMAS))
          .includeTables(values.list(ConfigKey.FILTER_INCLUDE_TABLES))
          .excludeTables(values.list(ConfigKey.FILTER_EXCLUDE_TABLES))
          .build();
    } catch (IllegalArgumentException e) {
      problems.add("replication.filter: " + e.getMessage());
      return ReplicationFilter.all();
    }
  }
}
