package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.TableId;
import java.util.List;

/**
 * What a replica holds before a copy: enough to decide whether copying onto it could lose data.
 *
 * @param replica the replica's name, for messages
 * @param applied its applied position (one GTID domain), null if it has none
 * @param interruptedCopy the marker of an earlier copy that did not finish ({@code "from <primary>
 *     at <time>"}), null if there is none
 * @param tablesWithRows its replicated tables that hold at least one row
 */
record ReplicaState(
    String replica, SourcePosition applied, String interruptedCopy, List<TableId> tablesWithRows) {

  ReplicaState {
    tablesWithRows = List.copyOf(tablesWithRows);
  }
}
