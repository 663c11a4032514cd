package io.understudy.replicator.model;

/**
 * A DDL statement of the source transaction, to run as written with {@code schema} as the default
 * schema.
 */
public record SchemaChange(String schema, String ddl) implements Change {}
