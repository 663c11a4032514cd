package io.understudy.testkit.internal;

import io.understudy.testkit.ClusterStartException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Directories built once per machine (binaries, data directory template, TLS key) and shared by
 * every cluster and every JVM. Each is built under a temporary name and renamed into place, so a
 * directory that exists is complete, and concurrent builders (parallel test JVMs) do not collide.
 */
final class CacheDirectory {

  private CacheDirectory() {}

  /**
   * The cache root: {@code -Dunderstudy.testkit.cache}, else {@code ~/.cache/understudy-testkit}.
   */
  static Path root() {
    String configured = System.getProperty("understudy.testkit.cache");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "understudy-testkit");
  }

  static Path computeIfAbsent(Path target, Consumer<Path> builder) {
    if (Files.isDirectory(target)) {
      return target;
    }
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(temporary);
      builder.accept(temporary);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
      // Another JVM finished first; its copy is as good as ours.
    } catch (IOException e) {
      throw new ClusterStartException("Could not create " + target + ": " + e.getMessage(), e);
    } finally {
      FileTrees.deleteQuietly(temporary);
    }
    return target;
  }
}
