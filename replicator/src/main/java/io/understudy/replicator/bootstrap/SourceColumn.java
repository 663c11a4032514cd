package io.understudy.replicator.bootstrap;

/** A column the copy reads and inserts; generated columns are not among them. */
record SourceColumn(String name, ColumnKind kind) {

  String quoted() {
    return CopySql.quote(name);
  }
}
