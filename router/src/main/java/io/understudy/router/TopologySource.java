package io.understudy.router;

import java.util.function.Consumer;

/**
 * Where the router learns the topology it routes on. A {@link StaticTopologySource} holds one given
 * by configuration (and lets a program change it); discovery from the nodes themselves arrives with
 * failover.
 */
public interface TopologySource {

  /** The topology to route on now. */
  Topology current();

  /**
   * Calls {@code listener} with every newer topology from now on. Changes apply to statements that
   * start after them; connections in use are not broken.
   */
  void subscribe(Consumer<Topology> listener);
}
