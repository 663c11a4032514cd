package io.understudy.testkit.junit;

import io.understudy.testkit.ClusterNode;

/**
 * A schema that exists, empty, on every node of the cluster when the test starts, and is dropped
 * after it. Its name starts with {@code app_}, so the application user may use it. It is created
 * with {@code sql_log_bin=0}, so it is in no node's binary log: each node holds it as if it had
 * been replicated there.
 */
public record TestSchema(String name) {

  /** A Connector/J URL of {@code node} with this schema as the default schema. */
  public String jdbcUrl(ClusterNode node) {
    return node.jdbcUrl(name);
  }
}
