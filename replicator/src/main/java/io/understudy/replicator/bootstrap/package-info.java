/**
 * Bootstrap of a new, empty replica: a copy of a consistent snapshot of the primary's replicated
 * tables, and the binlog position the snapshot stands at, so that streaming continues right after
 * it with no gap and no duplicate. Entry point: {@link
 * io.understudy.replicator.bootstrap.SnapshotCopier}. Design: {@code docs/replication.md},
 * "Bootstrap".
 */
package io.understudy.replicator.bootstrap;
