package io.understudy.router;

import java.util.concurrent.Callable;

/**
 * Scoped routing hints for code that must read its own writes: inside {@link #primary}, every
 * statement the current thread runs through a {@link ReplicatedDataSource} goes to the primary.
 *
 * <pre>{@code
 * Order order = Routing.primary(() -> orders.findById(id));
 * try (Routing.Scope scope = Routing.primaryScope()) { ... }
 * }</pre>
 *
 * For one statement, start it with the comment {@code /* understudy:primary *}{@code /}.
 */
public final class Routing {

  private static final ThreadLocal<int[]> PRIMARY_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private Routing() {}

  /** Runs {@code work} with every statement of this thread routed to the primary. */
  @SuppressWarnings("try") // the scope acts by existing
  public static <T> T primary(Callable<T> work) throws Exception {
    try (Scope scope = primaryScope()) {
      return work.call();
    }
  }

  /** Opens a scope that routes this thread's statements to the primary until it is closed. */
  public static Scope primaryScope() {
    PRIMARY_DEPTH.get()[0]++;
    return new Scope();
  }

  /** Whether the current thread is inside a primary scope. */
  public static boolean isPrimaryForced() {
    return PRIMARY_DEPTH.get()[0] > 0;
  }

  /** A primary scope; scopes nest, and each must be closed by the thread that opened it. */
  public static final class Scope implements AutoCloseable {

    private boolean closed;

    private Scope() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        PRIMARY_DEPTH.get()[0]--;
      }
    }
  }
}
