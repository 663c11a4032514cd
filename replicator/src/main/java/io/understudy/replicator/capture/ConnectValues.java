package io.understudy.replicator.capture;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * Turns one Kafka Connect column value into the plain Java value the model promises (see {@link
 * io.understudy.replicator.model.RowChange}), chosen so that binding it with {@code setObject}
 * writes back exactly what the primary holds.
 *
 * <p>It relies on the engine settings of {@link EngineProperties}: precise decimals, {@code
 * adaptive_time_microseconds}, bytes for binary columns, and the source column type propagated as a
 * schema parameter (the only way to tell BIGINT UNSIGNED from DECIMAL(20,0)).
 */
final class ConnectValues {

  /** Schema parameter set by {@code column.propagate.source.type}. */
  static final String SOURCE_TYPE = "__debezium.source.column.type";

  static final String SOURCE_LENGTH = "__debezium.source.column.length";

  private ConnectValues() {}

  /**
   * Converts {@code value} of a column with {@code schema}.
   *
   * @throws IllegalArgumentException for a type the model has no exact value for (e.g. geometry)
   */
  static Object toJava(String column, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    String name = schema.name();
    if (name != null) {
      switch (name) {
        case "io.debezium.time.Date":
          return LocalDate.ofEpochDay(((Number) value).longValue());
        case "io.debezium.time.Timestamp":
          return utcDateTime(((Number) value).longValue(), ChronoUnit.MILLIS);
        case "io.debezium.time.MicroTimestamp":
          return utcDateTime(((Number) value).longValue(), ChronoUnit.MICROS);
        case "io.debezium.time.NanoTimestamp":
          return utcDateTime(((Number) value).longValue(), ChronoUnit.NANOS);
        case "io.debezium.time.ZonedTimestamp":
          // TIMESTAMP columns: an instant, rendered as ISO-8601 with an offset; the model keeps
          // the UTC wall-clock time, which the applier writes with a UTC session time zone.
          return OffsetDateTime.parse((String) value)
              .withOffsetSameInstant(ZoneOffset.UTC)
              .toLocalDateTime();
        case "io.debezium.time.Time":
          return Duration.ofMillis(((Number) value).longValue());
        case "io.debezium.time.MicroTime":
          return Duration.of(((Number) value).longValue(), ChronoUnit.MICROS);
        case "io.debezium.time.NanoTime":
          return Duration.ofNanos(((Number) value).longValue());
        case "io.debezium.time.Year":
          return ((Number) value).intValue();
        case "io.debezium.data.Bits":
          return bits(schema, bytes(value));
        case Decimal.LOGICAL_NAME:
          return decimal(schema, (BigDecimal) value);
        default:
          // Json, Enum, EnumSet, and anything else with a plain Connect type below.
          break;
      }
    }
    switch (schema.type()) {
      case INT8:
      case INT16:
      case INT32:
        return ((Number) value).intValue();
      case INT64:
        return ((Number) value).longValue();
      case FLOAT32:
      case FLOAT64:
      case BOOLEAN:
      case STRING:
        return value;
      case BYTES:
        return bytes(value);
      default:
        throw new IllegalArgumentException(
            "Column "
                + column
                + " has a type Understudy cannot replicate exactly: "
                + (name != null ? name : schema.type())
                + " (source type '"
                + sourceType(schema)
                + "')");
    }
  }

  private static LocalDateTime utcDateTime(long amount, ChronoUnit unit) {
    return LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC).plus(amount, unit);
  }

  private static Object decimal(Schema schema, BigDecimal value) {
    // bigint.unsigned.handling.mode=precise also yields a Decimal; the source type tells it apart.
    if (sourceType(schema).toUpperCase(Locale.ROOT).contains("UNSIGNED") && value.scale() == 0) {
      return value.toBigIntegerExact();
    }
    return value;
  }

  /**
   * BIT(n), n > 1. The connector hands the bits least significant byte first (the binlog's order);
   * MariaDB reads a bound binary string most significant byte first, so reverse and pad to the
   * column's width.
   */
  private static byte[] bits(Schema schema, byte[] littleEndian) {
    int width = littleEndian.length;
    String length = schema.parameters() == null ? null : schema.parameters().get("length");
    if (length != null) {
      width = Math.max(width, (Integer.parseInt(length) + 7) / 8);
    }
    byte[] bigEndian = new byte[width];
    for (int i = 0; i < littleEndian.length; i++) {
      bigEndian[width - 1 - i] = littleEndian[i];
    }
    return bigEndian;
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] array) {
      return array.clone();
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] array = new byte[buffer.remaining()];
    buffer.get(array);
    return array;
  }

  private static String sourceType(Schema schema) {
    if (schema.parameters() == null) {
      return "";
    }
    String type = schema.parameters().get(SOURCE_TYPE);
    return type == null ? "" : type;
  }
}
