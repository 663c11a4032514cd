package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Tells whether the connector has finished its schema snapshot and is reading the binlog, from the
 * streaming metrics the connector registers over JMX ({@code Connected}), under {@code
 * debezium.mariadb} or {@code debezium.mysql} (each connector's {@code Module} name).
 */
final class StreamingProbe {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName name;

  StreamingProbe(ServerFlavour flavour, String topicPrefix) {
    try {
      name =
          new ObjectName(
              "debezium."
                  + flavour.name().toLowerCase(Locale.ROOT)
                  + ":type=connector-metrics,context=streaming,server="
                  + topicPrefix);
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
