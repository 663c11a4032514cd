package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.TableId;
import java.util.stream.Collectors;

/**
 * Whether a copy may start on a replica. A copy replaces every replicated table, so it starts only
 * where that loses nothing: on an empty replica, or on one whose rows an interrupted copy left
 * (they came from the primary and are copied again). Pure: decides on a {@link ReplicaState}.
 */
enum CopyDecision {
  /** The replicated tables are empty and no copy ran here before. */
  COPY_ONTO_EMPTY,
  /** An earlier copy was interrupted: its rows are partial and are replaced. */
  REDO_INTERRUPTED;

  static CopyDecision decide(ReplicaState state) throws SnapshotRefusedException {
    if (state.applied() != null) {
      throw new SnapshotRefusedException(
          "Replica "
              + state.replica()
              + " already holds an applied position ("
              + state.applied().gtid()
              + " in understudy.applied_position): it was bootstrapped or replicated before, and"
              + " streaming resumes from there. A copy would replace its tables; to start it over"
              + " from a snapshot, drop its replicated tables and delete the rows of"
              + " understudy.applied_position (as the replicator's user, with sql_log_bin = 0)");
    }
    if (state.interruptedCopy() != null) {
      return REDO_INTERRUPTED;
    }
    if (!state.tablesWithRows().isEmpty()) {
      throw new SnapshotRefusedException(
          "Replica "
              + state.replica()
              + " is not empty: "
              + state.tablesWithRows().stream()
                  .map(TableId::toString)
                  .collect(Collectors.joining(", "))
              + " already hold rows, which a snapshot copy would replace with the primary's."
              + " Bootstrap needs an empty replica: if those rows are disposable, empty or drop"
              + " these tables on the replica and run again; if not, copy them somewhere first");
    }
    return COPY_ONTO_EMPTY;
  }
}
