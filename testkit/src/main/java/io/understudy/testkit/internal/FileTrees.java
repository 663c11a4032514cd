package io.understudy.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copying and deleting directory trees. */
public final class FileTrees {

  private FileTrees() {}

  public static void copy(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      paths.forEach(
          from -> {
            Path to = target.resolve(source.relativize(from).toString());
            try {
              if (Files.isDirectory(from)) {
                Files.createDirectories(to);
              } else {
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(FileTrees::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover directory under target/ or the temp dir harms nothing.
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // See deleteQuietly.
    }
  }
}
