/**
 * The replicator: follows the primary's binlog with Debezium embedded ({@code capture}, the only
 * package that sees Debezium or Kafka Connect types) and applies every source transaction to each
 * replica exactly once, atomically, in order ({@code apply}). Both speak the records of {@code
 * model}. Design: {@code docs/replication.md}.
 */
package io.understudy.replicator;
