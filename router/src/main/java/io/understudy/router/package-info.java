/**
 * The router: {@code ReplicatedDataSource}, a {@link javax.sql.DataSource} that sends writes to the
 * primary and reads to healthy, caught-up replicas. Its design is in {@code ARCHITECTURE.md}; the
 * implementation arrives with the router issue.
 */
package io.understudy.router;
