/**
 * Failover, built as separate stages with plain data between them, so that the decision can be
 * tested without servers and the side effects without decisions: {@code probe} observes the nodes,
 * {@code analysis} turns one {@code ProbeSnapshot} into a {@code Decision} (pure, no I/O, no
 * clock), {@code monitor} runs the two in a loop and journals its decisions, and {@code recovery}
 * (only an interface so far) carries a decision out. {@code topology} holds the epochs that the
 * monitor publishes on every node and routers read. Design: {@code docs/failover.md}.
 */
package io.understudy.replicator.failover;
