package io.understudy.replicator.model;

/** One change inside a source transaction: a row or a schema change. */
public sealed interface Change permits RowChange, SchemaChange {}
