package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import java.util.Properties;

/**
 * The Debezium engine and connector (MariaDB's or MySQL's) settings for one capture. Each setting
 * that matters for correctness says why here; {@code docs/replication.md} has the design.
 */
final class EngineProperties {

  private EngineProperties() {}

  /**
   * @param flavour the primary's: it picks the connector
   * @param name engine name and topic prefix: the offset namespace and the topics' root
   * @param start the offset to resume from (see {@link ResumeOffset#after})
   */
  static Properties of(
      CaptureConfig config, ServerFlavour flavour, String name, ResumeOffset start) {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("topic.prefix", name);
    p.setProperty("connector.class", connectorClass(flavour));
    p.setProperty("database.hostname", config.host());
    p.setProperty("database.port", Integer.toString(config.port()));
    p.setProperty("database.user", config.user());
    p.setProperty("database.password", config.password());
    p.setProperty("database.server.id", Long.toString(config.serverId()));

    // Offsets: an in-memory store seeded with the start position (see SeededOffsetStore).
    p.setProperty("offset.storage", SeededOffsetStore.class.getName());
    p.setProperty("offset.flush.interval.ms", "60000");
    p.setProperty(SeededOffsetStore.SEED_GTIDS, start.gtids());
    p.setProperty(SeededOffsetStore.SEED_FILE, start.file());
    p.setProperty(SeededOffsetStore.SEED_POSITION, Long.toString(start.position()));

    // Schema history: rebuilt from the primary's current schema at every start ("recovery": a
    // schema-only snapshot that keeps the stored offset). Nothing on disk can go stale or be lost;
    // the price is the limit documented in docs/replication.md (DDL between start and resume
    // point).
    p.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
    p.setProperty("snapshot.mode", "recovery");
    p.setProperty("include.schema.changes", "true");

    // Transactions: BEGIN/END records, so that a transaction is handed over only when complete.
    p.setProperty("provide.transaction.metadata", "true");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("poll.interval.ms", "10");

    // Exact values (see ConnectValues).
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("bigint.unsigned.handling.mode", "precise");
    p.setProperty("time.precision.mode", "adaptive_time_microseconds");
    p.setProperty("binary.handling.mode", "bytes");
    p.setProperty("column.propagate.source.type", ".*");

    // Which schemas and tables the connector decodes (see DebeziumFilters); the capture filters
    // every record again, because the connector still emits DDL of what these lists exclude.
    DebeziumFilters.of(config.filter()).forEach(p::setProperty);
    return p;
  }

  static String connectorClass(ServerFlavour flavour) {
    return switch (flavour) {
      case MARIADB -> "io.debezium.connector.mariadb.MariaDbConnector";
      case MYSQL -> "io.debezium.connector.mysql.MySqlConnector";
    };
  }
}
