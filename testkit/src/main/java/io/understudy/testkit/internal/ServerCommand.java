package io.understudy.testkit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of one embedded MariaDB node: everything that lets any node become primary
 * (binary log in ROW format with full images and metadata, GTIDs in strict mode, a unique {@code
 * server_id}) and nothing read from a my.cnf of the machine.
 *
 * @param readOnly {@code read_only} at start: off for the first primary, on for replicas
 */
public record ServerCommand(
    MariaDbDistribution distribution,
    TlsCertificate tls,
    Path dataDir,
    Path socket,
    int port,
    int serverId,
    boolean readOnly) {

  /** InnoDB sizes; the template must be created with the same redo log size the nodes use. */
  static final List<String> STORAGE_OPTIONS =
      List.of("--innodb-log-file-size=64M", "--innodb-buffer-pool-size=128M");

  public List<String> toList() {
    List<String> args = new ArrayList<>();
    args.add(distribution.server().toString());
    args.add("--no-defaults");
    args.add("--basedir=" + distribution.home());
    args.add("--datadir=" + dataDir);
    args.add("--port=" + port);
    args.add("--bind-address=127.0.0.1");
    args.add("--socket=" + socket);
    args.add("--pid-file=" + dataDir.resolve("mariadbd.pid"));
    args.add("--log-error=" + dataDir.resolve("error.log"));
    args.add("--skip-name-resolve");
    args.add("--server-id=" + serverId);
    args.add("--log-bin=mysql-bin");
    args.add("--relay-log=relay-bin");
    args.add("--binlog-format=ROW");
    args.add("--binlog-row-image=FULL");
    args.add("--binlog-row-metadata=FULL");
    args.add("--log-slave-updates=ON");
    args.add("--gtid-domain-id=0");
    args.add("--gtid-strict-mode=ON");
    args.add("--read-only=" + (readOnly ? "ON" : "OFF"));
    args.add("--character-set-server=utf8mb4");
    args.add("--collation-server=utf8mb4_unicode_ci");
    args.add("--max-connections=500");
    // A BLOB travels as hex text (twice its size): 64M lets 16 MB values through.
    args.add("--max-allowed-packet=64M");
    args.add("--ssl-cert=" + tls.certificate());
    args.add("--ssl-key=" + tls.privateKey());
    args.addAll(STORAGE_OPTIONS);
    args.addAll(userOption());
    return args;
  }

  /** mariadbd refuses to run as root unless told to; as any other user the option is not needed. */
  static List<String> userOption() {
    Optional<String> user = ProcessHandle.current().info().user();
    return user.filter("root"::equals).isPresent() ? List.of("--user=root") : List.of();
  }
}
