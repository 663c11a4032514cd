package io.understudy.router;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a {@link ReplicatedDataSource}'s connections add to JDBC: the consistency token that carries
 * "read after this write" across connections, data sources and processes. Reach it through {@code
 * connection.unwrap(ReplicatedConnection.class)}, which also works through pools and framework
 * proxies that implement {@code unwrap}.
 *
 * <pre>{@code
 * // after writing, e.g. before answering an HTTP request:
 * String token = connection.unwrap(ReplicatedConnection.class).consistencyToken().toString();
 * // in the next request, on any connection of any data source of the same cluster:
 * other.unwrap(ReplicatedConnection.class).readAfter(ConsistencyToken.parse(token));
 * }</pre>
 */
public interface ReplicatedConnection extends Connection {

  /**
   * A token covering every write this connection committed and every token it was given. With
   * {@code writeConcern = replicated} or {@code consistency = read-your-writes} the router already
   * knows each write's GTID; otherwise the first call after a write asks the primary for its
   * current position (one round trip), which covers those writes and possibly some later ones of
   * others.
   */
  ConsistencyToken consistencyToken() throws SQLException;

  /**
   * From now on, reads on this connection run only on replicas that have applied {@code token},
   * waiting up to {@code causalReadTimeout} for one, else on the primary; as with {@code
   * consistency = read-your-writes}, whatever the data source's setting. Tokens add up.
   */
  void readAfter(ConsistencyToken token) throws SQLException;
}
