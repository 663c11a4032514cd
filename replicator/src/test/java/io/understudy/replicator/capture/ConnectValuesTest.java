package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectValuesTest {

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of("TINYINT", Schema.INT16_SCHEMA, (short) -5, -5),
        Arguments.of("INT", Schema.INT32_SCHEMA, Integer.MIN_VALUE, Integer.MIN_VALUE),
        Arguments.of("BIGINT", Schema.INT64_SCHEMA, Long.MAX_VALUE, Long.MAX_VALUE),
        Arguments.of("DOUBLE", Schema.FLOAT64_SCHEMA, 0.1, 0.1),
        Arguments.of("VARCHAR", Schema.STRING_SCHEMA, "a\uD83D\uDE00", "a\uD83D\uDE00"),
        Arguments.of("BIT(1)", Schema.BOOLEAN_SCHEMA, true, true),
        Arguments.of("NULL", Schema.OPTIONAL_INT32_SCHEMA, null, null),
        Arguments.of(
            "DATE",
            named(Schema.INT32_SCHEMA, "io.debezium.time.Date"),
            19782,
            LocalDate.of(2024, 2, 29)),
        Arguments.of(
            "DATETIME(3)",
            named(Schema.INT64_SCHEMA, "io.debezium.time.Timestamp"),
            1_709_251_198_123L,
            LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000)),
        Arguments.of(
            "DATETIME(6)",
            named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"),
            -1L,
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
        Arguments.of(
            "TIMESTAMP(6)",
            named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"),
            "2024-02-29T14:34:56.654321+02:00",
            LocalDateTime.of(2024, 2, 29, 12, 34, 56, 654_321_000)),
        Arguments.of(
            "TIME(6)",
            named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTime"),
            -3_020_399_000_000L,
            Duration.ofHours(-838).minusMinutes(59).minusSeconds(59)),
        Arguments.of("YEAR", named(Schema.INT32_SCHEMA, "io.debezium.time.Year"), 2155, 2155),
        Arguments.of("JSON", named(Schema.STRING_SCHEMA, "io.debezium.data.Json"), "{}", "{}"),
        Arguments.of("DECIMAL", decimal(30, null), new BigDecimal("1.5"), new BigDecimal("1.5")),
        Arguments.of(
            "DECIMAL(20,0)", decimal(0, "DECIMAL"), new BigDecimal("7"), new BigDecimal("7")),
        Arguments.of(
            "BIGINT UNSIGNED",
            decimal(0, "BIGINT UNSIGNED"),
            new BigDecimal("18446744073709551615"),
            new BigInteger("18446744073709551615")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversions")
  void convertsToTheModelsJavaType(String type, Schema schema, Object value, Object expected) {
    Object converted = ConnectValues.toJava("t." + type, schema, value);
    assertThat(converted).isEqualTo(expected);
    if (expected != null) {
      assertThat(converted).isExactlyInstanceOf(expected.getClass());
    }
  }

  @Test
  void binaryBuffers_becomeByteArrays() {
    Object converted =
        ConnectValues.toJava("t.bin", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {0, -1, 0}));
    assertThat((byte[]) converted).containsExactly(0, 0xFF, 0);
  }

  @Test
  void bits_areTurnedMostSignificantByteFirstAndPaddedToTheColumnWidth() {
    Schema bit64 =
        SchemaBuilder.bytes().name("io.debezium.data.Bits").parameter("length", "64").build();
    Object converted = ConnectValues.toJava("t.bits", bit64, new byte[] {1, 0, 0x7F});
    assertThat((byte[]) converted).containsExactly(0, 0, 0, 0, 0, 0x7F, 0, 1);
  }

  @Test
  void structs_areRefusedNamingTheColumn() {
    Schema geometry = SchemaBuilder.struct().name("io.debezium.data.geometry.Geometry").build();
    assertThatThrownBy(() -> ConnectValues.toJava("s.t.shape", geometry, new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s.t.shape");
  }

  private static Schema named(Schema type, String name) {
    return new SchemaBuilder(type.type()).name(name).build();
  }

  private static Schema decimal(int scale, String sourceType) {
    SchemaBuilder builder = Decimal.builder(scale);
    if (sourceType != null) {
      builder.parameter(ConnectValues.SOURCE_TYPE, sourceType);
    }
    return builder.build();
  }
}
