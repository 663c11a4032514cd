package io.understudy.replicator.failover.monitor;

/**
 * A node the monitor probes, with its promotion settings.
 *
 * @param name as in the topology (and the replicator's configuration)
 * @param host where the monitor connects to probe it
 * @param port the node's TCP port as the monitor reaches it
 * @param priority preference among equally advanced replicas when choosing whom to promote: higher
 *     wins (default 0)
 * @param neverPromote never make this node primary (say, a delayed or backup replica)
 */
public record MonitoredNode(
    String name, String host, int port, int priority, boolean neverPromote) {}
