package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Finds the exact labels of an ENUM or SET column that SHOW CREATE TABLE printed with {@code ?}
 * (see {@link ChoiceTypes}). Values travel in utf8mb4, definitions do not: so the probe copies the
 * column's type into a scratch table ({@code CREATE TABLE ... AS SELECT ... LIMIT 0} keeps the
 * type), stores each label by its number and reads the labels back as values.
 *
 * <p>The scratch table lives in the primary's node-local {@code understudy} schema, outside the
 * binlog ({@code sql_log_bin = 0}), and is dropped at once: nothing of it replicates. Its own
 * session, because DDL would end the snapshot's transaction.
 */
final class ChoiceLabelProbe implements AutoCloseable {

  private static final String PROBE = "understudy.bootstrap_label_probe";

  private static final String PROPERTIES =
      "characterEncoding=UTF-8&characterSetResults=UTF-8&connectTimeout=5000";

  private final Connection connection;

  private ChoiceLabelProbe(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement statement = connection.createStatement()) {
      // No strict mode: the scratch table holds only the probed column, and a number stores the
      // label it numbers.
      statement.execute("SET SESSION sql_log_bin = 0, sql_mode = ''");
    }
  }

  static ChoiceLabelProbe open(String jdbcUrl, String user, String password) throws SQLException {
    Connection connection =
        DriverManager.getConnection(JdbcUrls.withProperties(jdbcUrl, PROPERTIES), user, password);
    try {
      return new ChoiceLabelProbe(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The exact type of {@code column}, which the primary prints as {@code printedType}. */
  String exactType(TableId table, String column, String printedType) throws SQLException {
    boolean set = ChoiceTypes.isSet(printedType);
    int count = ChoiceTypes.labels(printedType).size();
    StringJoiner numbers = new StringJoiner("), (", "(", ")");
    for (int i = 0; i < count; i++) {
      numbers.add(set ? Long.toUnsignedString(1L << i) : Integer.toString(i + 1));
    }
    List<String> labels = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + PROBE);
      statement.execute(
          "CREATE TABLE "
              + PROBE
              + " AS SELECT "
              + CopySql.quote(column)
              + " AS label FROM "
              + CopySql.qualified(table)
              + " LIMIT 0");
      try {
        statement.execute("INSERT INTO " + PROBE + " VALUES " + numbers);
        try (ResultSet result =
            statement.executeQuery("SELECT label FROM " + PROBE + " ORDER BY label + 0")) {
          while (result.next()) {
            labels.add(result.getString(1));
          }
        }
      } finally {
        statement.execute("DROP TABLE IF EXISTS " + PROBE);
      }
    }
    if (labels.size() != count) {
      throw new SQLException(
          "Reading the labels of "
              + table
              + "."
              + column
              + " ("
              + printedType
              + ") gave "
              + labels.size()
              + " labels instead of "
              + count);
    }
    return ChoiceTypes.render(set, labels);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
