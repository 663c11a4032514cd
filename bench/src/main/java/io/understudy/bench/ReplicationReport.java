package io.understudy.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Results of the replication benchmark and the markdown it prints. */
final class ReplicationReport {

  /** The goal of the replicator issue for single-row transactions. */
  static final double LAG_P99_GOAL_MS = 50;

  /** The goal of the replicator issue: Understudy within 10 % of Debezium's capture alone. */
  static final double CAPTURE_RATIO_GOAL = 0.9;

  /** The name of the capture-only runs, which the capture ratio goal applies to. */
  static final String CAPTURE_ONLY = "Debezium capture only";

  private ReplicationReport() {}

  /** Where the CPU went in each run: seconds of CPU per part, against the run's wall time. */
  static void printCpu(List<Oltp> oltp, List<Bulk> bulk) {
    System.out.printf(
        "%nCPU seconds per part during each run (2 cores: at most 2 CPU-s per wall second); the"
            + " JVM runs the benchmark's writers and pollers and, for Understudy, the replicator%n%n");
    System.out.println(
        "| run | wall s | primary mariadbd | replica mariadbds | JVM |"
            + " JVM: capture threads | JVM: apply threads | other processes |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Oltp run : oltp) {
      cpuRow("OLTP, " + run.name(), run.wallNanos(), run.cpuSeconds());
    }
    for (Bulk run : bulk) {
      cpuRow("bulk, " + run.name(), run.totalNanos(), run.cpuSeconds());
    }
  }

  private static void cpuRow(String name, long wallNanos, Map<ReplicationCpu.Part, Double> cpu) {
    StringBuilder row = new StringBuilder("| " + name + " | ");
    row.append(String.format(Locale.ROOT, "%.1f", wallNanos / 1e9));
    for (ReplicationCpu.Part part : ReplicationCpu.Part.values()) {
      row.append(String.format(Locale.ROOT, " | %.1f", cpu.getOrDefault(part, 0.0)));
    }
    System.out.println(row.append(" |"));
  }

  /**
   * One OLTP run.
   *
   * @param catchUpMs from the last commit on the primary until every replica showed every row; NaN
   *     if some never arrived
   * @param missing (transaction, replica) pairs never seen on the replica
   */
  record Oltp(
      String name,
      double commitsPerSecond,
      double lagP50Ms,
      double lagP99Ms,
      double lagMaxMs,
      double catchUpMs,
      long missing,
      long wallNanos,
      Map<ReplicationCpu.Part, Double> cpuSeconds) {

    Oltp withCpu(long wallNanos, Map<ReplicationCpu.Part, Double> cpuSeconds) {
      return new Oltp(
          name,
          commitsPerSecond,
          lagP50Ms,
          lagP99Ms,
          lagMaxMs,
          catchUpMs,
          missing,
          wallNanos,
          cpuSeconds);
    }
  }

  /** One bulk run; times from the start request, in nanoseconds. */
  record Bulk(
      String name,
      int rows,
      long startNanos,
      long totalNanos,
      Map<ReplicationCpu.Part, Double> cpuSeconds) {

    double rowsPerSecond() {
      return rows / (totalNanos / 1e9);
    }

    /** Rows per second once started: what the streaming itself sustains. */
    double streamingRowsPerSecond() {
      return rows / ((totalNanos - startNanos) / 1e9);
    }
  }

  static void printOltp(List<Oltp> runs, int writers, int seconds) {
    System.out.printf(
        "%nOLTP: %d writers, single-row autocommit INSERTs, %d s measured; lag = first seen on a"
            + " replica - commit returned on the primary, both replicas pooled%n%n",
        writers, seconds);
    System.out.println(
        "| replication | commits/s | lag p50 ms | lag p99 ms | lag max ms |"
            + " caught up after last commit, ms | never seen |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Oltp run : runs) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |%n",
          run.name(),
          run.commitsPerSecond(),
          run.lagP50Ms(),
          run.lagP99Ms(),
          run.lagMaxMs(),
          run.catchUpMs(),
          run.missing());
    }
    Oltp understudy = runs.get(0);
    System.out.printf(
        Locale.ROOT,
        "%nUnderstudy lag p99 %.1f ms: goal <= %.0f ms %s; caught up %.1f ms after the last"
            + " commit%n",
        understudy.lagP99Ms(),
        LAG_P99_GOAL_MS,
        understudy.lagP99Ms() <= LAG_P99_GOAL_MS ? "met" : "NOT met",
        understudy.catchUpMs());
  }

  /** Prints the bulk table and the ratios of Understudy, the first run, to each other run. */
  static void printBulk(List<Bulk> runs, double primaryRowsPerSecond) {
    System.out.printf(
        Locale.ROOT,
        "%nBulk: backlog of %,d rows in %,d-row transactions (the primary wrote it at %,.0f"
            + " rows/s), replicated from a standstill; time from the start request until every"
            + " replica holds every row%n%n",
        runs.get(0).rows(),
        ReplicationBulk.ROWS_PER_TRANSACTION,
        primaryRowsPerSecond);
    System.out.println(
        "| replication | start-up ms | total ms | rows/s incl. start-up | rows/s after start-up |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Bulk run : runs) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %,.0f | %,.0f |%n",
          run.name(),
          run.startNanos() / 1_000_000,
          run.totalNanos() / 1_000_000,
          run.rowsPerSecond(),
          run.streamingRowsPerSecond());
    }
    Bulk understudy = runs.get(0);
    System.out.println();
    for (Bulk other : runs.subList(1, runs.size())) {
      double ratio = understudy.rowsPerSecond() / other.rowsPerSecond();
      double streaming = understudy.streamingRowsPerSecond() / other.streamingRowsPerSecond();
      String goal =
          other.name().startsWith(CAPTURE_ONLY)
              ? String.format(
                  Locale.ROOT,
                  " (goal >= %.1f: %s)",
                  CAPTURE_RATIO_GOAL,
                  ratio >= CAPTURE_RATIO_GOAL ? "met" : "NOT met")
              : "";
      System.out.printf(
          Locale.ROOT,
          "Understudy / %s: %.3f incl. start-up%s, %.3f after start-up%n",
          other.name(),
          ratio,
          goal,
          streaming);
    }
  }
}
