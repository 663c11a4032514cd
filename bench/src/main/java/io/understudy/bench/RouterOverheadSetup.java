package io.understudy.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.understudy.router.PoolSettings;
import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterStats;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The data both sides read, the two data sources (built from one {@link PoolSettings} so that only
 * the router differs) and the JMH options. Where the nodes are reaches the JMH fork as system
 * properties.
 */
final class RouterOverheadSetup {

  static final int ROWS = 10_000;
  static final String SCHEMA = "app_bench";
  private static final String PRIMARY_URL = "understudy.bench.primaryUrl";
  private static final String REPLICA_URL = "understudy.bench.replicaUrl";
  private static final String USER = "understudy.bench.user";
  private static final String PASSWORD = "understudy.bench.password";

  private RouterOverheadSetup() {}

  /**
   * Creates {@code app_bench.kv} with {@link #ROWS} rows on every node, outside the binary log, as
   * if it had been replicated: the router reads it on the replica, the primary has it too.
   */
  static void loadTable(Cluster cluster) throws SQLException {
    for (ClusterNode node : cluster.nodes()) {
      try (Connection connection = node.connect(cluster.users().admin());
          Statement statement = connection.createStatement()) {
        statement.execute("SET sql_log_bin=0");
        statement.execute("DROP DATABASE IF EXISTS " + SCHEMA);
        statement.execute("CREATE DATABASE " + SCHEMA);
        statement.execute(
            "CREATE TABLE " + SCHEMA + ".kv (id INT PRIMARY KEY, v VARCHAR(32) NOT NULL)");
        for (int first = 1; first <= ROWS; first += 1000) {
          StringBuilder insert = new StringBuilder("INSERT INTO " + SCHEMA + ".kv VALUES ");
          for (int id = first; id < first + 1000 && id <= ROWS; id++) {
            insert.append(id == first ? "" : ",").append('(').append(id).append(",'value-");
            insert.append(id).append("')");
          }
          statement.execute(insert.toString());
        }
      }
    }
  }

  /**
   * One JMH run at {@code threads} threads, from {@code -Dwarmup=2 -DwarmupTime=5s -Diterations=3
   * -Dtime=10s -Dforks=1}, plus {@code -Dprof=<JMH profiler>}; {@code -Dtime} alone sets the
   * warm-up time too, for short smoke runs.
   */
  static Options options(int threads, Cluster cluster) {
    String time = System.getProperty("time", "10s");
    String warmupTime = System.getProperty("warmupTime", System.getProperty("time", "5s"));
    Map<String, String> target = new LinkedHashMap<>();
    target.put(PRIMARY_URL, cluster.node(0).jdbcUrl(SCHEMA));
    target.put(REPLICA_URL, cluster.node(1).jdbcUrl(SCHEMA));
    target.put(USER, cluster.users().app().user());
    target.put(PASSWORD, cluster.users().app().password());
    // With -Dforks=0 the benchmarks run in this JVM and read the properties here.
    target.forEach(System::setProperty);
    List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    target.forEach((name, value) -> jvmArgs.add("-D" + name + "=" + value));
    // Under exec:java this JVM's class path is Maven's; JMH starts its fork with java.class.path.
    System.setProperty("java.class.path", classPath());
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(RouterOverheadBenchmark.class.getName() + "\\..*")
            .threads(threads)
            .forks(Integer.getInteger("forks", 1))
            .warmupIterations(Integer.getInteger("warmup", 2))
            .warmupTime(TimeValue.fromString(warmupTime))
            .measurementIterations(Integer.getInteger("iterations", 3))
            .measurementTime(TimeValue.fromString(time))
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true);
    // -Dprof=gc shows allocation per operation, the first place to look when the router is slower.
    String profiler = System.getProperty("prof");
    return profiler == null ? options.build() : options.addProfiler(profiler).build();
  }

  /** {@code -Dthreads=1,8}: the thread counts to run, one JMH run each. */
  static List<Integer> threadCounts() {
    return Arrays.stream(System.getProperty("threads", "1,8").split(","))
        .map(String::trim)
        .map(Integer::valueOf)
        .toList();
  }

  private static String classPath() {
    if (!(RouterOverheadSetup.class.getClassLoader() instanceof URLClassLoader loader)) {
      return System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (URL url : loader.getURLs()) {
      try {
        entries.add(Path.of(url.toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("Class path entry " + url + " is not a file", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Sized for {@code threads}, so that no thread ever waits for a connection, on either side. */
  private static PoolSettings settings(int threads) {
    return PoolSettings.builder().maximumPoolSize(threads).build();
  }

  static ReplicatedDataSource router(int threads) {
    return ReplicatedDataSource.builder()
        .name("bench-router")
        .primaryUrl(property(PRIMARY_URL))
        .replica(property(REPLICA_URL), 1)
        .username(property(USER))
        .password(property(PASSWORD))
        .pool(settings(threads))
        .buildDataSource();
  }

  /** The replica's pool as the router's {@code NodeFactory} configures it, minus the router. */
  static HikariDataSource direct(int threads) {
    PoolSettings settings = settings(threads);
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("bench-direct");
    hikari.setJdbcUrl(property(REPLICA_URL));
    hikari.setUsername(property(USER));
    hikari.setPassword(property(PASSWORD));
    hikari.setMaximumPoolSize(settings.maximumPoolSize());
    hikari.setMinimumIdle(settings.minimumIdle());
    hikari.setConnectionTimeout(settings.connectionTimeout().toMillis());
    hikari.setValidationTimeout(settings.validationTimeout().toMillis());
    hikari.setIdleTimeout(settings.idleTimeout().toMillis());
    hikari.setMaxLifetime(settings.maxLifetime().toMillis());
    hikari.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  /** A read served by the primary would make the router side cheaper or dearer for no reason. */
  static void checkAllReadsOnReplica(RouterStats stats) {
    for (RouterStats.NodeStats node : stats.nodes()) {
      boolean primary = node.role().equals("primary");
      if ((primary && (node.reads() + node.fallbackReads() + node.writes() > 0))
          || node.ejections() > 0
          || node.errors() > 0) {
        throw new IllegalStateException(
            "The router did not send every read to the replica, the comparison is void: " + stats);
      }
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is not set: run RouterOverheadBenchmark.main, which starts the cluster");
    }
    return value;
  }
}
