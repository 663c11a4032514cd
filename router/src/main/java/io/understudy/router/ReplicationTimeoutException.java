package io.understudy.router;

import java.sql.SQLException;

/**
 * With {@code writeConcern = replicated}: the write <em>is committed on the primary</em>, but no
 * replica confirmed applying it within {@code replicationTimeout} (or its position could not be
 * read). Do not retry the write: it would run twice. Until a replica applies it, a failover could
 * lose it. SQLState {@value #SQL_STATE}; docs/errors.md.
 */
public final class ReplicationTimeoutException extends SQLException {

  /** Committed on the primary, not confirmed on any replica. */
  public static final String SQL_STATE = "UR001";

  private static final long serialVersionUID = 1L;

  private final transient ConsistencyToken token;

  public ReplicationTimeoutException(String message, ConsistencyToken token, Throwable cause) {
    super(message, SQL_STATE, cause);
    this.token = token;
  }

  /**
   * The write's position ({@link ConsistencyToken#none()} if it could not be read): {@link
   * ReplicatedConnection#readAfter} with it makes later reads wait for it.
   */
  public ConsistencyToken consistencyToken() {
    return token == null ? ConsistencyToken.none() : token;
  }
}
