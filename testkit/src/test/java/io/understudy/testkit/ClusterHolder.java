package io.understudy.testkit;

import java.nio.file.Path;

/**
 * Runs in a child JVM for {@link ClusterProcessesIT}: starts a cluster, reports its directory, and
 * then either exits without closing it ({@code exit}) or waits to be killed ({@code hang}).
 */
public final class ClusterHolder {

  private ClusterHolder() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedCluster cluster =
        EmbeddedCluster.start(
            ClusterOptions.fromSystemProperties(2).withDirectory(Path.of(args[0])));
    System.out.println("READY " + cluster.directory());
    System.out.flush();
    if (args[1].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
