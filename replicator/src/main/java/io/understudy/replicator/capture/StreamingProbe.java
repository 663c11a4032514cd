package io.understudy.replicator.capture;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Tells whether the connector has finished its schema snapshot and is reading the binlog, from the
 * streaming metrics the connector registers over JMX ({@code Connected}).
 */
final class StreamingProbe {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName name;

  StreamingProbe(String topicPrefix) {
    try {
      name =
          new ObjectName(
              "debezium.mariadb:type=connector-metrics,context=streaming,server=" + topicPrefix);
    } catch (JMException e) {
      throw new IllegalArgumentException("Bad topic prefix " + topicPrefix, e);
    }
  }

  boolean isStreaming() {
    try {
      return server.isRegistered(name)
          && Boolean.TRUE.equals(server.getAttribute(name, "Connected"));
    } catch (JMException e) {
      return false;
    }
  }
}
