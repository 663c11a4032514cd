package io.understudy.router;

import java.util.function.Consumer;

/**
 * Where the router learns the topology it routes on. A {@link StaticTopologySource} holds one given
 * by configuration (and lets a program change it); with {@code understudy.discovery.seeds} the
 * router reads it from the nodes themselves (docs/routing.md, "Discovery").
 */
public interface TopologySource {

  /** The topology to route on now. */
  Topology current();

  /**
   * Calls {@code listener} with every newer topology from now on. Changes apply to statements that
   * start after them; connections in use are not broken.
   */
  void subscribe(Consumer<Topology> listener);

  /**
   * Tells the source that the router could not reach the primary, which may have moved: a source
   * that reads the topology from the nodes reads it again soon. Called on the statement path, so it
   * must return at once. Does nothing by default.
   */
  default void primaryUnreachable() {}
}
