/**
 * The replicator: follows the primary's binlog with Debezium embedded and applies every source
 * transaction to each replica exactly once, atomically, in order. Its design is in {@code
 * ARCHITECTURE.md}; the implementation arrives with the replicator issue.
 */
package io.understudy.replicator;
