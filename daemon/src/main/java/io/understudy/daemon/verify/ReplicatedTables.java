package io.understudy.daemon.verify;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The primary's base tables the filter replicates, and their columns and primary keys. */
final class ReplicatedTables {

  private ReplicatedTables() {}

  static List<TableId> list(Connection primary, ReplicationFilter filter) throws SQLException {
    List<TableId> tables = new ArrayList<>();
    try (Statement statement = primary.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
      while (result.next()) {
        TableId table = new TableId(result.getString(1), result.getString(2));
        if (filter.allows(table)) {
          tables.add(table);
        }
      }
    }
    return tables;
  }

  static List<String> columns(Connection primary, TableId table) throws SQLException {
    return names(
        primary,
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
        table);
  }

  /** Empty for a table without a primary key. */
  static List<String> primaryKey(Connection primary, TableId table) throws SQLException {
    return names(
        primary,
        "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION",
        table);
  }

  private static List<String> names(Connection connection, String sql, TableId table)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          names.add(result.getString(1));
        }
      }
    }
    return names;
  }

  /** {@code CHECKSUM TABLE ... EXTENDED}; null when the node lacks the table. */
  static Long checksum(Connection connection, TableId table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("CHECKSUM TABLE " + Sql.table(table) + " EXTENDED")) {
      if (!result.next()) {
        return null;
      }
      long checksum = result.getLong(2);
      return result.wasNull() ? null : checksum;
    }
  }
}
