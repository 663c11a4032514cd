package io.understudy.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** The markdown table of both sides, their ratio and the goal each ratio is held to. */
final class RouterOverheadReport {

  private RouterOverheadReport() {}

  /** The goals of the router-overhead issue; a latency ratio must stay under, throughput over. */
  private enum Goal {
    AT_MOST,
    AT_LEAST;

    boolean met(double ratio, double bound) {
      return this == AT_MOST ? ratio <= bound : ratio >= bound;
    }
  }

  static String markdown(Collection<RunResult> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| measure | threads | HikariCP direct | router | router / direct | goal | met |\n");
    table.append("| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
    TreeMap<Integer, Sides> byThreads = new TreeMap<>();
    for (RunResult result : results) {
      int threads = result.getParams().getThreads();
      String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
      Sides sides = byThreads.computeIfAbsent(threads, t -> new Sides());
      if (method.endsWith("Direct")) {
        sides.direct.put(method.replace("Direct", ""), result);
      } else {
        sides.router.put(method.replace("Router", ""), result);
      }
    }
    byThreads.forEach(
        (threads, sides) -> {
          // Little's law: threads issuing operations back to back complete threads / mean per unit.
          sides.row(
              table,
              "point select, ops/s",
              threads,
              "pointSelect",
              s -> threads * 1e6 / s.getMean(),
              Goal.AT_LEAST,
              0.97);
          sides.row(
              table,
              "point select p50, µs",
              threads,
              "pointSelect",
              s -> s.getPercentile(50),
              Goal.AT_MOST,
              1.03);
          sides.row(
              table,
              "point select p99, µs",
              threads,
              "pointSelect",
              s -> s.getPercentile(99),
              Goal.AT_MOST,
              1.05);
          sides.row(
              table,
              "getConnection/close, ops/s",
              threads,
              "connectionCycle",
              Statistics::getMean,
              Goal.AT_LEAST,
              0.5);
        });
    return table.toString();
  }

  private static final class Sides {
    final TreeMap<String, RunResult> direct = new TreeMap<>();
    final TreeMap<String, RunResult> router = new TreeMap<>();

    void row(
        StringBuilder table,
        String measure,
        int threads,
        String benchmark,
        ToDoubleFunction<Statistics> value,
        Goal goal,
        double bound) {
      if (!direct.containsKey(benchmark) || !router.containsKey(benchmark)) {
        return;
      }
      double directValue = value.applyAsDouble(statistics(direct.get(benchmark)));
      double routerValue = value.applyAsDouble(statistics(router.get(benchmark)));
      double ratio = routerValue / directValue;
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %.3f | %s %.2f | %s |%n",
              measure,
              threads,
              number(directValue),
              number(routerValue),
              ratio,
              goal == Goal.AT_MOST ? "≤" : "≥",
              bound,
              goal.met(ratio, bound) ? "yes" : "**no**"));
    }

    /**
     * For throughput, one value per iteration, each summed over the threads; for sample time, every
     * sampled operation of every thread.
     */
    private static Statistics statistics(RunResult result) {
      return result.getPrimaryResult().getStatistics();
    }

    private static String number(double value) {
      return value >= 1000
          ? String.format(Locale.ROOT, "%,.0f", value)
          : String.format(Locale.ROOT, "%.1f", value);
    }
  }
}
