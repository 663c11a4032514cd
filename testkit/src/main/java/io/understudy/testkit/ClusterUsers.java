package io.understudy.testkit;

/**
 * The least-privilege users every cluster node is created with; the exact grants are in {@code
 * docs/testkit.md}.
 *
 * @param app what applications connect as: DML and DDL, blocked by {@code read_only}
 * @param replicator reads the binlog on a primary and writes on replicas despite {@code read_only}
 * @param monitor reads replication status and flips {@code read_only}
 * @param admin all privileges; for the testkit itself and for tests that must bypass the rules
 */
public record ClusterUsers(
    Credentials app, Credentials replicator, Credentials monitor, Credentials admin) {

  /** The fixed, test-only users of clusters started by the testkit. */
  public static final ClusterUsers TESTKIT =
      new ClusterUsers(
          new Credentials("app", "app-secret"),
          new Credentials("replicator", "replicator-secret"),
          new Credentials("monitor", "monitor-secret"),
          new Credentials("admin", "admin-secret"));
}
