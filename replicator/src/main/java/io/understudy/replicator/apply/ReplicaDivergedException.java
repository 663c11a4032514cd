package io.understudy.replicator.apply;

import io.understudy.replicator.model.TableId;

/**
 * The replica's data no longer matches the source's: a row to update or delete is missing, a row to
 * insert already exists, a foreign key breaks, or a table or column is missing. The applier never
 * skips such a change; it rolls the replica transaction back and stops, so that the replica stays
 * exactly at its last consistent position until it is re-synchronised.
 */
public final class ReplicaDivergedException extends ReplicaApplyException {

  private final TableId table;
  private final String key;
  private final String gtid;

  ReplicaDivergedException(
      String replica, TableId table, String key, String gtid, String problem, Throwable cause) {
    super(
        replica,
        "Replica "
            + replica
            + " diverged from the source at GTID "
            + gtid
            + ": "
            + problem
            + " in "
            + table
            + (key.isEmpty() ? "" : " for " + key)
            + ". The transaction was rolled back and the applier stopped; re-synchronise the"
            + " replica (or fix the row) and start a new applier.",
        cause);
    this.table = table;
    this.key = key;
    this.gtid = gtid;
  }

  public TableId table() {
    return table;
  }

  /** The row's key values, or its full image for a table without a primary key. */
  public String key() {
    return key;
  }

  /** The GTID of the source transaction that could not be applied. */
  public String gtid() {
    return gtid;
  }
}
