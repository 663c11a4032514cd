package io.understudy.replicator.model;

import java.util.List;
import java.util.Map;

/**
 * One row changed by a source transaction.
 *
 * <p>Values are plain Java objects a JDBC driver binds with {@code setObject}, chosen so that they
 * round-trip exactly: {@code null}, {@link String} (CHAR, VARCHAR, TEXT, ENUM, SET, JSON), {@link
 * Long} / {@link Integer} (signed integers, YEAR), {@link java.math.BigInteger} (BIGINT UNSIGNED),
 * {@link java.math.BigDecimal} (DECIMAL), {@link Double} / {@link Float}, {@code byte[]} (BINARY,
 * BLOB, BIT), {@link Boolean} (BIT(1)), {@link java.time.LocalDate} (DATE), {@link
 * java.time.LocalDateTime} (DATETIME; TIMESTAMP in UTC), and {@link java.time.Duration} (TIME,
 * which may be negative or over 24 hours).
 *
 * @param keyColumns the primary key's columns, in order; empty for a table without one
 * @param before the row before the change (UPDATE, DELETE), full image; null for INSERT
 * @param after the row after the change (INSERT, UPDATE); null for DELETE
 */
public record RowChange(
    TableId table,
    Operation operation,
    List<String> keyColumns,
    Map<String, Object> before,
    Map<String, Object> after)
    implements Change {}
