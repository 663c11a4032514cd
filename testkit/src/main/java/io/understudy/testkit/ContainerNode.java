package io.understudy.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.understudy.testkit.internal.UsersScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A node of a {@link ContainerCluster}. Its host port is fixed when the container is created, so
 * {@link #jdbcUrl()} stays valid across {@link #stop()} and {@link #restart()}.
 */
final class ContainerNode implements ClusterNode {

  private static final int SERVER_PORT = 3306;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final int index;
  private final Flavour flavour;
  private final int hostPort;
  private final ClusterUsers users;
  private final GenericContainer<?> container;
  private volatile boolean paused;

  ContainerNode(int index, Flavour flavour, int hostPort, boolean readOnly, ClusterUsers users) {
    this.index = index;
    this.flavour = flavour;
    this.hostPort = hostPort;
    this.users = users;
    String rootPasswordVariable =
        flavour == Flavour.MYSQL ? "MYSQL_ROOT_PASSWORD" : "MARIADB_ROOT_PASSWORD";
    this.container =
        new GenericContainer<>(DockerImageName.parse(flavour.image()))
            .withEnv(rootPasswordVariable, users.admin().password())
            .withExposedPorts(SERVER_PORT)
            .withCommand(serverArguments(flavour, index + 1, readOnly).toArray(String[]::new))
            .withCopyToContainer(
                Transferable.of(initScript(flavour)),
                "/docker-entrypoint-initdb.d/10-understudy.sql")
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withPortBindings(
                            new PortBinding(
                                Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                                ExposedPort.tcp(SERVER_PORT))))
            .withStartupTimeout(START_TIMEOUT);
  }

  /** The same settings as the embedded nodes, in each flavour's words. */
  static List<String> serverArguments(Flavour flavour, int serverId, boolean readOnly) {
    List<String> args = new ArrayList<>();
    args.add("--server-id=" + serverId);
    args.add("--log-bin=mysql-bin");
    args.add("--relay-log=relay-bin");
    args.add("--binlog-row-image=FULL");
    args.add("--binlog-row-metadata=FULL");
    args.add("--read-only=" + (readOnly ? "ON" : "OFF"));
    args.add("--character-set-server=utf8mb4");
    args.add("--skip-name-resolve");
    args.add("--max-connections=500");
    args.add("--max-allowed-packet=64M");
    if (flavour == Flavour.MYSQL) {
      args.add("--gtid-mode=ON");
      args.add("--enforce-gtid-consistency=ON");
      args.add("--log-replica-updates=ON");
    } else {
      args.add("--binlog-format=ROW");
      args.add("--log-slave-updates=ON");
      args.add("--gtid-domain-id=0");
      args.add("--gtid-strict-mode=ON");
      args.add("--collation-server=utf8mb4_unicode_ci");
    }
    return args;
  }

  /** Users created without binlog events, then an empty GTID history, as on embedded nodes. */
  static String initScript(Flavour flavour) {
    String reset = flavour == Flavour.MYSQL ? "RESET BINARY LOGS AND GTIDS;" : "RESET MASTER;";
    return "SET SESSION sql_log_bin = 0;\n" + UsersScript.of(flavour) + "\n" + reset + "\n";
  }

  void create() {
    container.start();
    awaitReady();
  }

  private void awaitReady() {
    Readiness.await(
        this,
        users.admin(),
        START_TIMEOUT,
        this::isAlive,
        () -> "its log ends with:\n" + tail(container.getLogs()));
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public int serverId() {
    return index + 1;
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return hostPort;
  }

  @Override
  public Connection connect(Credentials credentials) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("password", credentials.password());
    properties.setProperty("connectTimeout", "5000");
    // MySQL 8.4's caching_sha2_password needs the server key when TLS is not negotiated.
    properties.setProperty("allowPublicKeyRetrieval", "true");
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  @Override
  public synchronized void kill() {
    docker().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
    paused = false;
  }

  @Override
  public synchronized void pause() {
    docker().pauseContainerCmd(container.getContainerId()).exec();
    paused = true;
  }

  @Override
  public synchronized void resume() {
    docker().unpauseContainerCmd(container.getContainerId()).exec();
    paused = false;
  }

  @Override
  public synchronized void stop() {
    if (paused) {
      resume();
    }
    if (isAlive()) {
      docker().stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
    }
  }

  @Override
  public synchronized void restart() {
    stop();
    docker().startContainerCmd(container.getContainerId()).exec();
    awaitReady();
  }

  @Override
  public long pid() {
    Long pid = inspect().getState().getPidLong();
    return pid == null ? -1 : pid;
  }

  @Override
  public boolean isAlive() {
    Boolean running = inspect().getState().getRunning();
    return running != null && running;
  }

  @Override
  public boolean isPaused() {
    return paused && isAlive();
  }

  void remove() {
    container.stop();
  }

  private InspectContainerResponse inspect() {
    return docker().inspectContainerCmd(container.getContainerId()).exec();
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }

  private static String tail(String logs) {
    String[] lines = logs.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }

  @Override
  public String toString() {
    return name() + "(" + flavour.image() + " at " + hostPort + ", server_id=" + serverId() + ")";
  }
}
