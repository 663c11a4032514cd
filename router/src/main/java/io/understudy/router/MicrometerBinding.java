package io.understudy.router;

import io.understudy.router.micrometer.RouterMetrics;

/**
 * Binds a data source's metrics to Micrometer only when the application has Micrometer: the router
 * must run without it, so nothing here touches a Micrometer class unless the check passed.
 */
final class MicrometerBinding {

  private static final boolean PRESENT = present();

  private MicrometerBinding() {}

  /** The binding to close with the data source, or null without Micrometer. */
  static AutoCloseable bindIfPresent(ReplicatedDataSource dataSource) {
    return PRESENT ? RouterMetrics.bindGlobal(dataSource) : null;
  }

  static void close(AutoCloseable binding) {
    if (binding != null) {
      try {
        binding.close();
      } catch (Exception e) {
        // Removing meters from a registry does not fail in practice; nothing to recover.
      }
    }
  }

  private static boolean present() {
    try {
      Class.forName(
          "io.micrometer.core.instrument.Metrics", false, MicrometerBinding.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
