package io.understudy.replicator.model;

/** A table as {@code schema.table}. */
public record TableId(String schema, String table) {

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
