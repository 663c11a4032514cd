package io.understudy.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JVM shutdown hook that stops every cluster still open, so an aborted test run leaves no
 * servers. (If the JVM dies without running hooks, {@link ServerProcess}'s watchdog does it.)
 */
public final class ShutdownReaper {

  private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ShutdownReaper::runAll, "understudy-testkit-shutdown"));
  }

  private ShutdownReaper() {}

  /** Runs {@code action} at JVM exit unless {@link #remove} is called first. */
  public static void add(Runnable action) {
    PENDING.add(action);
  }

  public static void remove(Runnable action) {
    PENDING.remove(action);
  }

  private static void runAll() {
    List<Thread> threads = new ArrayList<>();
    for (Runnable action : PENDING) {
      Thread thread = new Thread(action, "understudy-testkit-reaper");
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
