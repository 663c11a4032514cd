package io.understudy.replicator.capture;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

/**
 * An in-memory offset store that starts out holding a given {@link ResumeOffset}.
 *
 * <p>Understudy keeps the authoritative position on each replica, written in the same transaction
 * as the rows; the engine's own offsets are therefore only a means to tell the connector where to
 * start, and need not survive the process. The engine creates this class by name, so the position
 * arrives as engine properties ({@link #SEED_GTIDS}, {@link #SEED_FILE}, {@link #SEED_POSITION}).
 */
public final class SeededOffsetStore extends MemoryOffsetBackingStore {

  static final String SEED_GTIDS = "understudy.offset.seed.gtids";
  static final String SEED_FILE = "understudy.offset.seed.file";
  static final String SEED_POSITION = "understudy.offset.seed.pos";

  private Map<String, Object> seed;
  private String namespace;
  private String topicPrefix;

  /** Created by the engine through reflection. */
  public SeededOffsetStore() {}

  @Override
  public void configure(WorkerConfig config) {
    super.configure(config);
    Map<String, Object> originals = config.originals();
    namespace = (String) originals.get("name");
    topicPrefix = (String) originals.get("topic.prefix");
    Object gtids = originals.get(SEED_GTIDS);
    if (gtids != null) {
      seed =
          OffsetKeys.of(
              new ResumeOffset(
                  gtids.toString(),
                  (String) originals.get(SEED_FILE),
                  Long.parseLong(originals.get(SEED_POSITION).toString())));
    }
  }

  @Override
  public void start() {
    super.start();
    if (seed != null) {
      write(seed);
    }
  }

  /** Used by Kafka Connect's distributed worker only; the embedded engine never asks. */
  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of(OffsetKeys.partition(topicPrefix));
  }

  /** Writes through the same converter and key layout the engine reads offsets with. */
  private void write(Map<String, Object> offset) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    OffsetStorageWriter writer = new OffsetStorageWriter(this, namespace, converter, converter);
    writer.offset(OffsetKeys.partition(topicPrefix), offset);
    if (!writer.beginFlush()) {
      throw new IllegalStateException("Seeding the offset store wrote nothing");
    }
    try {
      writer.doFlush((error, ignored) -> {}).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not seed the offset store with " + offset, e);
    }
  }
}
