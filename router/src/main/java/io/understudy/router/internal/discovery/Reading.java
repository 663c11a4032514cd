package io.understudy.router.internal.discovery;

/** What one node said when asked for its newest epoch. */
public sealed interface Reading {

  /** The node asked, as {@code host:port}. */
  String node();

  /** The node's newest epoch. */
  record Found(String node, PublishedTopology topology) implements Reading {}

  /** The node could not tell: unreachable, no topology tables, no topology yet, no privilege. */
  record Failed(String node, String reason) implements Reading {}
}
