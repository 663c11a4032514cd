package io.understudy.replicator.apply;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

/**
 * Binds the model's Java values ({@link io.understudy.replicator.model.RowChange}) so that they
 * arrive in the replica column unchanged.
 */
final class ValueBinder {

  private ValueBinder() {}

  static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof Duration time) {
      // The driver has no type for TIME beyond 0..24 h; MariaDB parses the text form of its whole
      // range, -838:59:59.999999 to 838:59:59.999999.
      statement.setString(index, timeLiteral(time));
    } else if (value instanceof Boolean bit) {
      statement.setBoolean(index, bit); // 1 or 0: the value of a BIT(1)
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof BigDecimal decimal) {
      // A numeric literal, not a string: a string compared with a DECIMAL column is compared as a
      // double, which would miss rows found by a full before-image.
      statement.setBigDecimal(index, decimal);
    } else if (isNegativeZero(value)) {
      // Connector/J writes -0.0 as a literal MariaDB reads as DECIMAL zero, which drops the sign;
      // the floating-point form keeps it (found by TypeFidelityIT).
      statement.setString(index, "-0e0");
    } else {
      // BigInteger (BIGINT UNSIGNED) included: the driver writes it as an exact numeric literal.
      statement.setObject(index, value);
    }
  }

  private static boolean isNegativeZero(Object value) {
    return (value instanceof Double d && Double.doubleToRawLongBits(d) == Long.MIN_VALUE)
        || (value instanceof Float f && Float.floatToRawIntBits(f) == Integer.MIN_VALUE);
  }

  /** {@code [-]H+:MM:SS.ffffff}, the text form of a MariaDB TIME. */
  static String timeLiteral(Duration time) {
    Duration magnitude = time.abs();
    long hours = magnitude.toHours();
    return String.format(
        "%s%d:%02d:%02d.%06d",
        time.isNegative() ? "-" : "",
        hours,
        magnitude.toMinutesPart(),
        magnitude.toSecondsPart(),
        magnitude.toNanosPart() / 1_000);
  }
}
