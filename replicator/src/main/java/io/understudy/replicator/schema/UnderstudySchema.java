package io.understudy.replicator.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the node-local schema {@code understudy} ({@code applied_position}, {@code
 * heartbeat}, {@code bootstrap_in_progress}, {@code topology} and {@code topology_member}, and
 * Flyway's history) on one node. Run it on every node, the primary included.
 *
 * <p>The migration session runs with {@code sql_log_bin = 0}: the tables are the node's own, so
 * their DDL must enter no binary log. Otherwise every node would carry GTIDs of its own, which
 * {@code gtid_strict_mode} rejects once the node replicates from another, and a replica's DDL would
 * reach whatever reads its binlog after a failover. Setting {@code sql_log_bin} needs the {@code
 * BINLOG ADMIN} privilege (MariaDB 10.5.2+; {@code SUPER} before, {@code SESSION_VARIABLES_ADMIN}
 * on MySQL 8), which the migrating user must hold.
 */
public final class UnderstudySchema {

  /** The schema's name; also where Flyway keeps its history. */
  public static final String SCHEMA = "understudy";

  static final String MIGRATIONS = "classpath:db/understudy";

  /** Runs on every connection Flyway opens, before anything else. */
  static final String INIT_SQL = "SET SESSION sql_log_bin = 0";

  private UnderstudySchema() {}

  /**
   * Brings {@code understudy} on the node at {@code jdbcUrl} up to date; safe to run again.
   *
   * @param jdbcUrl a Connector/J URL of one node, e.g. {@code jdbc:mysql://127.0.0.1:3306/}
   * @return how many migrations ran (0 if the schema was current)
   * @throws org.flywaydb.core.api.FlywayException if a migration fails, naming it
   */
  public static int migrate(String jdbcUrl, String user, String password) {
    // A URL, not a DataSource: Flyway opens its own unpooled connections, so sql_log_bin = 0
    // cannot leak into a pool that later serves replicated writes.
    MigrateResult result =
        Flyway.configure(UnderstudySchema.class.getClassLoader())
            .dataSource(jdbcUrl, user, password)
            .initSql(INIT_SQL)
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .createSchemas(true)
            .locations(MIGRATIONS)
            .failOnMissingLocations(true)
            .cleanDisabled(true)
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
