package io.understudy.bench;

import com.sun.management.OperatingSystemMXBean;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by each part of the system between two samples, to tell where a run's time goes on
 * a machine where every part shares two cores: the primary's and the replicas' server processes
 * ({@code /proc/<pid>/stat}, Linux), this JVM as a whole, and two groups of its threads:
 * Understudy's appliers ({@code understudy-apply-*}) and the capture (every other thread except the
 * benchmark's own, the heartbeat and the sampling thread: Debezium's engine, its binlog reader,
 * Kafka Connect). The thread groups count only threads alive at the second sample.
 */
final class ReplicationCpu {

  /** Parts, in the order they are printed. */
  enum Part {
    PRIMARY,
    REPLICAS,
    JVM,
    CAPTURE_THREADS,
    APPLY_THREADS,
    /** Everything else the machine ran meanwhile (other users' work), from /proc/stat. */
    OTHER_PROCESSES
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ = 100 on Linux

  private final Map<Part, Long> nanos;
  private final Map<Long, Long> threadNanos;

  private ReplicationCpu(Map<Part, Long> nanos, Map<Long, Long> threadNanos) {
    this.nanos = nanos;
    this.threadNanos = threadNanos;
  }

  static ReplicationCpu sample(Cluster cluster) {
    Map<Part, Long> nanos = new HashMap<>();
    for (ClusterNode node : cluster.nodes()) {
      nanos.merge(node.index() == 0 ? Part.PRIMARY : Part.REPLICAS, processNanos(node), Long::sum);
    }
    nanos.put(Part.OTHER_PROCESSES, machineNanos());
    nanos.put(
        Part.JVM,
        ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime());
    Map<Long, Long> threadNanos = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        threadNanos.put(id, cpu);
      }
    }
    return new ReplicationCpu(nanos, threadNanos);
  }

  /** CPU seconds per part from {@code before} to this sample. */
  Map<Part, Double> secondsSince(ReplicationCpu before) {
    Map<Part, Double> seconds = new HashMap<>();
    for (Part part : new Part[] {Part.PRIMARY, Part.REPLICAS, Part.JVM}) {
      seconds.put(part, (nanos.get(part) - before.nanos.get(part)) / 1e9);
    }
    long capture = 0;
    long apply = 0;
    for (ThreadInfo thread : THREADS.getThreadInfo(toArray(threadNanos))) {
      if (thread == null) {
        continue;
      }
      String name = thread.getThreadName();
      long used =
          threadNanos.get(thread.getThreadId())
              - before.threadNanos.getOrDefault(thread.getThreadId(), 0L);
      if (name.startsWith("understudy-apply-")) {
        apply += used;
      } else if (!name.startsWith("bench-")
          && !name.equals("understudy-heartbeat")
          && thread.getThreadId() != Thread.currentThread().getId()) {
        capture += used;
      }
    }
    double machine =
        (nanos.get(Part.OTHER_PROCESSES) - before.nanos.get(Part.OTHER_PROCESSES)) / 1e9;
    seconds.put(
        Part.OTHER_PROCESSES,
        Math.max(
            0,
            machine
                - seconds.get(Part.PRIMARY)
                - seconds.get(Part.REPLICAS)
                - seconds.get(Part.JVM)));
    seconds.put(Part.CAPTURE_THREADS, capture / 1e9);
    seconds.put(Part.APPLY_THREADS, apply / 1e9);
    return seconds;
  }

  private static long[] toArray(Map<Long, Long> threads) {
    return threads.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /** Busy time of all CPUs (user, nice, system, irq, softirq, steal), from /proc/stat. */
  private static long machineNanos() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long ticks = 0;
      for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
        ticks += Long.parseLong(cpu[field]);
      }
      return ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime of a server process; fields 14 and 15 of /proc/<pid>/stat. */
  private static long processNanos(ClusterNode node) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(node.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state), so field n is fields[n - 3].
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
