/**
 * Failover, built as separate stages with plain data between them, so that the decision can be
 * tested without servers and the side effects without decisions: probes observe the nodes, {@code
 * analysis} turns one {@code ProbeSnapshot} into a {@code Decision} (pure, no I/O, no clock), and
 * recovery (not built yet) carries a decision out. {@code topology} holds the epochs that the
 * monitor publishes on every node and routers read. Design: {@code docs/failover.md}.
 */
package io.understudy.replicator.failover;
