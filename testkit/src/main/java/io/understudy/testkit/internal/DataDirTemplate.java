package io.understudy.testkit.internal;

import io.understudy.testkit.ClusterStartException;
import io.understudy.testkit.Flavour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An initialised data directory with the system tables and the testkit's users, made once and
 * copied for each node: copying takes milliseconds, installing takes a second per node. The users
 * are created in bootstrap mode, without networking and without binary log, so a fresh node has an
 * empty GTID history.
 */
public final class DataDirTemplate {

  private DataDirTemplate() {}

  /** The template for {@code distribution}, created in the cache on first use. */
  public static synchronized Path get(MariaDbDistribution distribution) {
    String users = UsersScript.of(Flavour.MARIADB);
    String key = fingerprint(distribution.version() + ServerCommand.STORAGE_OPTIONS + users);
    Path dir =
        CacheDirectory.computeIfAbsent(
            CacheDirectory.root().resolve("datadir-" + distribution.version() + "-" + key),
            target -> create(distribution, target, users));
    return dir.resolve("data");
  }

  private static void create(MariaDbDistribution distribution, Path target, String users) {
    Path data = target.resolve("data");
    Path log = target.resolve("install.log");
    List<String> install = new ArrayList<>();
    install.add(distribution.installScript().toString());
    install.add("--no-defaults");
    install.add("--basedir=" + distribution.home());
    install.add("--datadir=" + data);
    install.add("--skip-test-db");
    install.add("--auth-root-authentication-method=socket");
    install.addAll(ServerCommand.STORAGE_OPTIONS);
    install.addAll(ServerCommand.userOption());
    Commands.run(install, null, log, 300);

    List<String> bootstrap = new ArrayList<>();
    bootstrap.add(distribution.server().toString());
    bootstrap.add("--no-defaults");
    bootstrap.add("--bootstrap");
    bootstrap.add("--basedir=" + distribution.home());
    bootstrap.add("--datadir=" + data);
    bootstrap.addAll(ServerCommand.STORAGE_OPTIONS);
    bootstrap.addAll(ServerCommand.userOption());
    // Bootstrap mode starts with grant checks off; FLUSH PRIVILEGES turns them on so that CREATE
    // USER and GRANT work.
    Commands.run(bootstrap, "USE mysql;\nFLUSH PRIVILEGES;\n" + users, log, 300);
  }

  private static String fingerprint(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new ClusterStartException("SHA-256 unavailable", e);
    }
  }
}
