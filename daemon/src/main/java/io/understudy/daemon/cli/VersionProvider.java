package io.understudy.daemon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into {@code version.properties} when it built the daemon. */
final class VersionProvider implements CommandLine.IVersionProvider {

  static String version() {
    Properties properties = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/understudy/daemon/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Reported as unknown below.
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "understudy-replicator " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
