package io.understudy.testkit;

import io.understudy.testkit.internal.Logs;
import io.understudy.testkit.internal.ServerCommand;
import io.understudy.testkit.internal.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** A node of an {@link EmbeddedCluster}: a mariadbd child process on a loopback port. */
final class EmbeddedNode implements ClusterNode {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

  private final int index;
  private final ClusterUsers users;
  private final Duration startTimeout;
  private volatile ServerCommand command;
  private volatile ServerProcess process;
  private volatile boolean paused;

  EmbeddedNode(int index, ServerCommand command, ClusterUsers users, Duration startTimeout) {
    this.index = index;
    this.command = command;
    this.users = users;
    this.startTimeout = startTimeout;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public int serverId() {
    return command.serverId();
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return command.port();
  }

  Path dataDir() {
    return command.dataDir();
  }

  /** Starts the server; on a port clash at first start, the caller may retry with another port. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name() + " is already running");
    }
    try {
      Files.createDirectories(command.dataDir());
      process = ServerProcess.start(command.toList(), command.dataDir().resolve("server.out"));
    } catch (IOException e) {
      throw new ClusterStartException("Could not start " + name() + ": " + e.getMessage(), e);
    }
    paused = false;
    ServerProcess started = process;
    try {
      Readiness.await(this, users.admin(), startTimeout, started::isAlive, this::errorLogTail);
    } catch (ClusterStartException e) {
      started.kill();
      throw e;
    }
  }

  /** Whether the last start failed because another process had taken the port. */
  boolean lostPortRace() {
    return errorLogTail().contains("Address already in use");
  }

  private String errorLogTail() {
    Path log = command.dataDir().resolve("error.log");
    return "its error log " + log + " ends with:\n" + Logs.tail(log, 15);
  }

  /** Moves the node to another port before its first start, after a port clash. */
  void moveTo(int port) {
    try {
      // Its "Address already in use" must not be mistaken for the next attempt's failure.
      Files.deleteIfExists(command.dataDir().resolve("error.log"));
    } catch (IOException e) {
      throw new ClusterStartException("Could not reset " + name() + "'s error log", e);
    }
    command =
        new ServerCommand(
            command.distribution(),
            command.tls(),
            command.dataDir(),
            command.socket(),
            port,
            command.serverId(),
            command.readOnly());
  }

  @Override
  public Connection connect(Credentials credentials) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("password", credentials.password());
    properties.setProperty("connectTimeout", "5000");
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  @Override
  public synchronized void kill() {
    requireProcess().kill();
    paused = false;
  }

  @Override
  public synchronized void pause() {
    requireProcess().signal("STOP");
    paused = true;
  }

  @Override
  public synchronized void resume() {
    requireProcess().signal("CONT");
    paused = false;
  }

  @Override
  public synchronized void stop() {
    ServerProcess current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    if (paused) {
      // A stopped process keeps SIGTERM pending until it runs again.
      resume();
    }
    current.terminate(SHUTDOWN_GRACE);
  }

  @Override
  public synchronized void restart() {
    stop();
    start();
  }

  @Override
  public long pid() {
    return requireProcess().pid();
  }

  @Override
  public boolean isAlive() {
    ServerProcess current = process;
    return current != null && current.isAlive();
  }

  @Override
  public boolean isPaused() {
    return paused && isAlive();
  }

  /** For shutdown hooks: SIGKILL without waiting for a clean shutdown. */
  void killQuietly() {
    ServerProcess current = process;
    if (current != null && current.isAlive()) {
      current.kill();
    }
  }

  private ServerProcess requireProcess() {
    ServerProcess current = process;
    if (current == null) {
      throw new IllegalStateException(name() + " was never started");
    }
    return current;
  }

  @Override
  public String toString() {
    return name() + "(127.0.0.1:" + port() + ", server_id=" + serverId() + ")";
  }
}
