package io.understudy.replicator.bootstrap;

/** A schema and its default character set and collation, which the replica's copy gets too. */
record SchemaDefaults(String name, String charset, String collation) {}
