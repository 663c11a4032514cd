package io.understudy.router;

import java.util.Map;

/**
 * The JMX view of a {@link ReplicatedDataSource}, registered as {@code
 * io.understudy:type=ReplicatedDataSource,name=<name>}. Maps are keyed by node ({@code host:port}).
 */
public interface RouterMXBean {

  String getPrimary();

  /** The epoch of the topology routed on; it grows with every failover. */
  long getEpoch();

  String[] getReplicas();

  /** Replicas currently ejected after a failure (not drained or lagging ones). */
  String[] getEjectedNodes();

  Map<String, Long> getReads();

  Map<String, Long> getWrites();

  Map<String, Long> getErrors();

  Map<String, Long> getEjections();

  Map<String, Long> getReadmissions();

  /** Reads that ran on the primary because no replica could take them. */
  long getFallbackReads();

  /** Lag in milliseconds of each replica whose lag is measured. */
  Map<String, Long> getLagMillis();

  Map<String, Integer> getActiveConnections();
}
