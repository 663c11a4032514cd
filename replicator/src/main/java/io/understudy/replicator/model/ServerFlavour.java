package io.understudy.replicator.model;

/**
 * The server families Understudy replicates between. They share the wire protocol and most SQL, but
 * differ in GTIDs, binlog connector, privileges and a few statements.
 */
public enum ServerFlavour {
  /** MariaDB 10.5 or later: GTIDs {@code domain-server-sequence}. */
  MARIADB,
  /** MySQL 8.0 or later: GTIDs {@code source_uuid:transaction_id}. */
  MYSQL
}
