/**
 * The detection loop: {@code FailoverMonitor} probes every node on a schedule, builds a {@code
 * ProbeSnapshot}, runs the analysis, and journals every change of decision. Design: {@code
 * docs/failover.md}, "Detection".
 */
package io.understudy.replicator.failover.monitor;
