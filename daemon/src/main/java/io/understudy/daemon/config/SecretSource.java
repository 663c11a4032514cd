package io.understudy.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret from a file (when {@code <name>File} is set) or else from the environment variable
 * {@code <name>Env} names. Problems name the key and the variable or file, never a value.
 */
final class SecretSource {

  private SecretSource() {}

  static Optional<Secret> read(
      String path, String file, String variable, Map<String, String> env, List<String> problems) {
    if (file != null) {
      try {
        String value = Files.readString(Path.of(file)).strip();
        if (value.isEmpty()) {
          problems.add(path + "File: " + file + " is empty");
          return Optional.empty();
        }
        return Optional.of(new Secret(value));
      } catch (IOException | RuntimeException e) {
        problems.add(
            path + "File: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        return Optional.empty();
      }
    }
    String value = env.get(variable);
    return value == null || value.isEmpty()
        ? Optional.empty()
        : Optional.of(new Secret(value.strip()));
  }
}
