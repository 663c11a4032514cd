package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.sql.SQLException;
import java.util.Map;

/**
 * The CREATE TABLE statement of a primary's table, exact: SHOW CREATE TABLE, with the ENUM and SET
 * types it may have printed wrong (see {@link ChoiceTypes}) read again by a {@link
 * ChoiceLabelProbe}, opened only for a table that needs it.
 */
final class TableDefinitions implements AutoCloseable {

  private final PrimarySnapshot snapshot;
  private final String primaryJdbcUrl;
  private final String user;
  private final String password;
  private ChoiceLabelProbe probe;

  TableDefinitions(PrimarySnapshot snapshot, String primaryJdbcUrl, String user, String password) {
    this.snapshot = snapshot;
    this.primaryJdbcUrl = primaryJdbcUrl;
    this.user = user;
    this.password = password;
  }

  String createStatement(TableId table) throws SQLException {
    String statement = snapshot.createStatement(table);
    for (Map.Entry<String, String> column : snapshot.choiceTypes(table).entrySet()) {
      String printed = column.getValue();
      if (ChoiceTypes.mayBeLossy(printed)) {
        if (probe == null) {
          probe = ChoiceLabelProbe.open(primaryJdbcUrl, user, password);
        }
        String exact = probe.exactType(table, column.getKey(), printed);
        statement = ChoiceTypes.withType(statement, column.getKey(), printed, exact);
      }
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    if (probe != null) {
      probe.close();
    }
  }
}
