package io.understudy.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.understudy.router.ReplicatedDataSource;
import io.understudy.testkit.EmbeddedCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/**
 * What the router costs on top of the pool it wraps: a {@link ReplicatedDataSource} with one
 * replica (so every read lands there) against a plain {@link HikariDataSource} on that same
 * replica, same pool settings, same Connector/J URL, same run. Both sides run the very same code;
 * only the {@link DataSource} differs.
 *
 * <p>{@link #main} starts a two-node cluster (node 0 primary, node 1 replica), loads the table,
 * runs JMH once per thread count and prints a markdown table. Settings: {@code -Dthreads=1,8},
 * {@code -Dwarmup=2 -DwarmupTime=5s -Diterations=3 -Dtime=10s -Dforks=1}, {@code -Dprof=gc} to add
 * a JMH profiler; a smoke test is {@code -Dwarmup=1 -Diterations=1 -Dtime=2s}. Results and the
 * goals they are checked against: {@code docs/BENCHMARKS.md}.
 */
public class RouterOverheadBenchmark {

  static final String POINT_SELECT = "SELECT v FROM app_bench.kv WHERE id = ?";

  /**
   * Latency percentiles need every sampled operation's time, hence SampleTime. Throughput is
   * derived from the same samples (threads / mean time per operation, Little's law for threads that
   * issue operations back to back) rather than measured in a second Throughput run, which would
   * double the run time; the timer's ~25 ns per sample is noise next to a round trip.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String pointSelectDirect(DirectPool pool, Keys keys) throws SQLException {
    return pointSelect(pool.dataSource, keys.next());
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String pointSelectRouter(RouterPool pool, Keys keys) throws SQLException {
    return pointSelect(pool.dataSource, keys.next());
  }

  /**
   * A cycle takes well under a microsecond, where timing each sample would distort it: measured as
   * throughput.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Connection connectionCycleDirect(DirectPool pool) throws SQLException {
    return connectionCycle(pool.dataSource);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Connection connectionCycleRouter(RouterPool pool) throws SQLException {
    return connectionCycle(pool.dataSource);
  }

  private static String pointSelect(DataSource dataSource, int id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(POINT_SELECT)) {
      statement.setInt(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("No row " + id + " in app_bench.kv");
        }
        return rows.getString(1);
      }
    }
  }

  private static Connection connectionCycle(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.close();
    return connection;
  }

  /** The plain pool; its own state so that the router's benchmarks never pay for its threads. */
  @State(Scope.Benchmark)
  public static class DirectPool {
    HikariDataSource dataSource;

    @Setup
    public void open(BenchmarkParams params) {
      dataSource = RouterOverheadSetup.direct(params.getThreads());
    }

    @TearDown
    public void close() {
      dataSource.close();
    }
  }

  @State(Scope.Benchmark)
  public static class RouterPool {
    ReplicatedDataSource dataSource;

    @Setup
    public void open(BenchmarkParams params) {
      dataSource = RouterOverheadSetup.router(params.getThreads());
    }

    /** Fails the run if a read went to the primary: then it would not compare like with like. */
    @TearDown
    public void close() {
      try {
        RouterOverheadSetup.checkAllReadsOnReplica(dataSource.stats());
      } finally {
        dataSource.close();
      }
    }
  }

  @State(Scope.Thread)
  public static class Keys {
    int next() {
      return ThreadLocalRandom.current().nextInt(1, RouterOverheadSetup.ROWS + 1);
    }
  }

  public static void main(String[] args) throws Exception {
    List<RunResult> results = new ArrayList<>();
    try (EmbeddedCluster cluster = EmbeddedCluster.start(2)) {
      RouterOverheadSetup.loadTable(cluster);
      for (int threads : RouterOverheadSetup.threadCounts()) {
        results.addAll(new Runner(RouterOverheadSetup.options(threads, cluster)).run());
      }
    }
    System.out.printf("%n%s", RouterOverheadReport.markdown(results));
  }
}
