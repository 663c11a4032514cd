package io.understudy.replicator.apply;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks each table's columns up in the replica's {@code information_schema} once. Only the apply
 * thread uses it. Any DDL may change any table, so the applier clears it after every schema change.
 * The query depends on the replica's flavour, which the applier detects on every (re)connect.
 */
final class TableColumnsCache {

  private final Map<TableId, TableColumns> tables = new HashMap<>();
  private String selectColumns = SqlTemplates.selectColumns(ServerFlavour.MARIADB);

  /** Reads columns as a replica of {@code flavour} describes them, from now on. */
  void useFlavour(ServerFlavour flavour) {
    selectColumns = SqlTemplates.selectColumns(flavour);
  }

  TableColumns get(Connection connection, TableId table) throws SQLException {
    TableColumns columns = tables.get(table);
    if (columns == null) {
      columns = load(connection, table);
      // A missing table is not cached: the DDL that creates it may be the next thing applied.
      if (columns.exists()) {
        tables.put(table, columns);
      }
    }
    return columns;
  }

  void clear() {
    tables.clear();
  }

  private TableColumns load(Connection connection, TableId table) throws SQLException {
    List<String> writable = new ArrayList<>();
    List<String> generated = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(selectColumns)) {
      select.setString(1, table.schema());
      select.setString(2, table.table());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          boolean isGenerated = rows.getBoolean(2);
          (isGenerated ? generated : writable).add(rows.getString(1));
        }
      }
    }
    return new TableColumns(table, writable, generated);
  }
}
