package io.understudy.replicator.failover.recovery;

import io.understudy.replicator.failover.analysis.Decision;
import io.understudy.replicator.failover.analysis.ProbeSnapshot;

/**
 * The third stage: carries out a failover the analysis decided. Not built yet; a monitor without
 * one only detects, and journals that recovery is not configured.
 */
@FunctionalInterface
public interface Recovery {

  /**
   * Promotes {@code decision.candidate()}: drain, promote, publish the next epoch, move replication
   * (docs/failover.md). Runs on the monitor's thread, which probes nothing meanwhile.
   *
   * @param snapshot what the decision was made from
   * @return one line for the audit journal: what was done
   * @throws Exception if the failover did not complete; the message goes to the journal
   */
  String failOver(Decision.FailOver decision, ProbeSnapshot snapshot) throws Exception;
}
