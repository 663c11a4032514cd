package io.understudy.replicator.bootstrap;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * How one column's values travel from the primary's result set to the replica's INSERT without
 * changing. The copy reads with the text protocol, where the server sends each value as it prints
 * it; that text is exact for every type but FLOAT, and MariaDB parses it back into the same value
 * (TIME beyond 24 h and negative, zero dates, BIGINT UNSIGNED, DECIMAL(65,30), JSON, ENUM and SET
 * labels). Pure: no state.
 */
enum ColumnKind {

  /** Binary strings, BLOBs, BIT and geometry: the exact bytes, 0x00 included, never a charset. */
  BYTES {
    @Override
    Object read(ResultSet row, int index) throws SQLException {
      return row.getBytes(index);
    }

    @Override
    void bind(PreparedStatement insert, int index, Object value) throws SQLException {
      insert.setBytes(index, (byte[]) value);
    }
  },

  /**
   * FLOAT prints with 6 significant digits (3.1415927 as 3.14159), which loses bits; the same value
   * as a DOUBLE prints every digit it has, and rounds back to the identical FLOAT.
   */
  FLOAT {
    @Override
    String select(String quotedName) {
      return "CAST(" + quotedName + " AS DOUBLE)";
    }
  },

  /**
   * Everything else, as text: numbers (a string is parsed exactly, '-0' keeps its sign), temporals
   * (both sessions in UTC, so a TIMESTAMP means the same instant), and character data, which the
   * connection carries as utf8mb4 and the server converts back to the column's charset.
   */
  TEXT;

  private static final Set<String> BYTE_TYPES =
      Set.of(
          "binary",
          "varbinary",
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob",
          "bit",
          "geometry",
          "point",
          "linestring",
          "polygon",
          "multipoint",
          "multilinestring",
          "multipolygon",
          "geometrycollection");

  /** The kind for {@code information_schema.COLUMNS.DATA_TYPE}. */
  static ColumnKind of(String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (BYTE_TYPES.contains(type)) {
      return BYTES;
    }
    return type.equals("float") ? FLOAT : TEXT;
  }

  /** The expression that reads the column on the primary. */
  String select(String quotedName) {
    return quotedName;
  }

  /**
   * The value at {@code index} of the current row; null for SQL NULL. Text is taken as the server
   * sent it (utf8mb4 bytes, the connection's result charset), not through {@code getString}, whose
   * conversions change values: a YEAR comes back as a date, trailing fractional zeros go.
   */
  Object read(ResultSet row, int index) throws SQLException {
    byte[] text = row.getBytes(index);
    return text == null ? null : new String(text, StandardCharsets.UTF_8);
  }

  /** Binds a value {@link #read} returned; null binds SQL NULL. */
  void bind(PreparedStatement insert, int index, Object value) throws SQLException {
    insert.setString(index, (String) value);
  }

  /** Roughly how many bytes a value takes on the wire, to bound a batch. */
  static long size(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    return value == null ? 1 : 2L * ((String) value).length();
  }
}
