package io.understudy.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file's values by path ({@code admin.port}, {@code nodes[1].host}), with environment overrides
 * laid over them. Unknown keys become problems here, so that a typo never passes for a default.
 */
final class FlatConfig {

  private static final Pattern NODE_PATH = Pattern.compile("nodes\\[(\\d+)]\\.(\\w+)");
  private static final Pattern NODE_ENV = Pattern.compile("UNDERSTUDY_NODES_(\\d+)_([A-Z_]+)");

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final List<String> problems;
  private int listedNodes;

  FlatConfig(Map<?, ?> root, List<String> problems) {
    this.problems = problems;
    flatten("", root);
  }

  private void flatten(String prefix, Map<?, ?> map) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String path = prefix + entry.getKey();
      Object value = entry.getValue();
      if (path.equals("credentials.password") || path.equals("admin.token")) {
        problems.add(
            path
                + ": secrets are not written in the file; give "
                + path
                + "Env (an environment variable) or "
                + path
                + "File instead");
      } else if (path.equals("nodes")) {
        flattenNodes(value);
      } else if (ConfigKey.byPath(path).isPresent()) {
        values.put(path, value);
      } else if (value instanceof Map<?, ?> nested && isSection(path)) {
        flatten(path + ".", nested);
      } else if (isSection(path)) {
        problems.add(path + ": must be a mapping of keys");
      } else {
        problems.add(path + ": unknown key" + knownKeysNear(path));
      }
    }
  }

  private void flattenNodes(Object value) {
    if (!(value instanceof List<?> list)) {
      problems.add("nodes: must be a list of nodes (name, host, port, primary)");
      return;
    }
    listedNodes = list.size();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> node)) {
        problems.add("nodes[" + i + "]: must be a mapping (name, host, port, primary)");
        continue;
      }
      for (Map.Entry<?, ?> entry : node.entrySet()) {
        String path = "nodes[" + i + "]." + entry.getKey();
        if (NodeKey.byKey(String.valueOf(entry.getKey())).isPresent()) {
          values.put(path, entry.getValue());
        } else {
          problems.add(path + ": unknown key (known: name, host, port, primary)");
        }
      }
    }
  }

  private static boolean isSection(String path) {
    for (ConfigKey key : ConfigKey.values()) {
      if (key.path().startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String knownKeysNear(String path) {
    int dot = path.lastIndexOf('.');
    String section = dot < 0 ? "" : path.substring(0, dot + 1);
    List<String> known = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      if (key.path().startsWith(section)) {
        String rest = key.path().substring(section.length());
        String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        if (!known.contains(first)) {
          known.add(first);
        }
      }
    }
    if (section.isEmpty()) {
      known.add(0, "nodes");
    }
    return " (known here: " + String.join(", ", known) + ")";
  }

  /**
   * Lays {@code UNDERSTUDY_*} variables over the file's values.
   *
   * @param secretVariables variables that hold secrets and are read elsewhere, never as keys
   * @return variables that look like overrides but name no key (probably typos)
   */
  List<String> override(Map<String, String> env, List<String> secretVariables) {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(EnvNames.PREFIX) || secretVariables.contains(name)) {
        continue;
      }
      String path = pathOf(name);
      if (path == null) {
        unknown.add(name);
      } else {
        values.put(path, entry.getValue());
        origins.put(path, name);
      }
    }
    return unknown;
  }

  private static String pathOf(String variable) {
    for (ConfigKey key : ConfigKey.values()) {
      if (key.environmentVariable().equals(variable)) {
        return key.path();
      }
    }
    Matcher node = NODE_ENV.matcher(variable);
    if (node.matches()) {
      for (NodeKey key : NodeKey.values()) {
        String path = "nodes[" + node.group(1) + "]." + key.key();
        if (EnvNames.of(path).equals(variable)) {
          return path;
        }
      }
    }
    return null;
  }

  Object get(String path) {
    return values.get(path);
  }

  boolean has(String path) {
    return values.containsKey(path) && values.get(path) != null;
  }

  /** {@code path}, with the variable it came from when the environment set it. */
  String describe(String path) {
    String origin = origins.get(path);
    return origin == null ? path : path + " (from " + origin + ")";
  }

  /** How many node entries the file and the environment describe together. */
  int nodeCount() {
    int count = listedNodes;
    for (String path : values.keySet()) {
      Matcher node = NODE_PATH.matcher(path);
      if (node.matches()) {
        count = Math.max(count, Integer.parseInt(node.group(1)) + 1);
      }
    }
    return count;
  }
}
