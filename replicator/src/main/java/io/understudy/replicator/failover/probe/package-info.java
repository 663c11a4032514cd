/**
 * The probe stage: {@code NodeProber} reads one node's state in one round trip with bounded
 * timeouts, and {@code StreamSignal} tells when the replicator's binlog stream last delivered.
 * Design: {@code docs/failover.md}, "Detection".
 */
package io.understudy.replicator.failover.probe;
