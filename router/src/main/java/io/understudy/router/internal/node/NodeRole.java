package io.understudy.router.internal.node;

/** What a node is for in the current topology. */
public enum NodeRole {
  PRIMARY,
  REPLICA
}
