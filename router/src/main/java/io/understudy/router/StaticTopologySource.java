package io.understudy.router;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A topology given by configuration, which a program may replace at run time. */
public final class StaticTopologySource implements TopologySource {

  private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
  private volatile Topology current;

  public StaticTopologySource(Topology initial) {
    this.current = initial;
  }

  @Override
  public Topology current() {
    return current;
  }

  @Override
  public void subscribe(Consumer<Topology> listener) {
    listeners.add(listener);
  }

  /** Publishes {@code next}; ignored unless its epoch is newer than the current one. */
  public synchronized boolean update(Topology next) {
    if (next.epoch() <= current.epoch()) {
      return false;
    }
    current = next;
    listeners.forEach(listener -> listener.accept(next));
    return true;
  }
}
