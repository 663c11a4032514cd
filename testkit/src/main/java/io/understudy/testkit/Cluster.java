package io.understudy.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A set of database servers configured so that any of them can become primary: binary log on, row
 * format with full row images, GTIDs, a unique {@code server_id}. Node 0 starts writable, the
 * others start with {@code read_only=ON}.
 *
 * <p>{@link #close()} stops every server the cluster started and deletes their data unless told to
 * keep it.
 */
public interface Cluster extends AutoCloseable {

  List<ClusterNode> nodes();

  default ClusterNode node(int index) {
    return nodes().get(index);
  }

  default int size() {
    return nodes().size();
  }

  ClusterUsers users();

  /** What kind of server the nodes run. */
  Flavour flavour();

  /** Wall-clock time from the start request until every node accepted connections. */
  Duration startupTime();

  @Override
  void close();
}
