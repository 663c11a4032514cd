package io.understudy.replicator.apply;

import io.understudy.replicator.model.SourcePosition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Reads what a replica has applied, for deciding where capture starts. */
public final class StoredPositions {

  private StoredPositions() {}

  /**
   * The replica's applied position per stream (MariaDB GTID domain or MySQL source UUID, see {@link
   * SourcePosition#stream()}); empty when it has applied nothing yet.
   */
  public static Map<String, SourcePosition> read(String jdbcUrl, String user, String password)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      return AppliedPositionStore.load(connection);
    }
  }
}
