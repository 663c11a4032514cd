package io.understudy.replicator.failover.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The thresholds of the failure analysis.
 *
 * <p>The promotion lag is counted in GTID sequence numbers, not in time: it is the number of source
 * transactions the candidate lacks compared with the newest position anyone saw (the dead primary's
 * last probed binlog position, or the most advanced replica). A count is exact and needs no clock;
 * it is exactly what a promotion would lose (as far as the monitor knows); and a time lag cannot be
 * measured once the primary is dead, because the heartbeat that measures it stopped with it, so
 * every replica's time lag grows alike. Heartbeats are transactions too (two a second by default).
 *
 * @param failureTimeout how long the primary's probes must fail before it may be declared dead
 * @param failoverCooldown how long after a failover another one is blocked (anti-flapping)
 * @param maxPromotionLag the most source transactions a candidate may lack and still be promoted
 */
public record FailoverPolicy(
    Duration failureTimeout, Duration failoverCooldown, long maxPromotionLag) {

  /** 1s failure timeout, 5 minutes of cooldown, at most 100 transactions lost. */
  public static final FailoverPolicy DEFAULTS =
      new FailoverPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 100);

  public FailoverPolicy {
    Objects.requireNonNull(failureTimeout, "failureTimeout");
    Objects.requireNonNull(failoverCooldown, "failoverCooldown");
    List<String> problems = new ArrayList<>();
    if (failureTimeout.isNegative() || failureTimeout.isZero()) {
      problems.add("failureTimeout must be positive, not " + failureTimeout);
    }
    if (failoverCooldown.isNegative()) {
      problems.add("failoverCooldown must be 0 or more, not " + failoverCooldown);
    }
    if (maxPromotionLag < 0) {
      problems.add("maxPromotionLag must be 0 or more transactions, not " + maxPromotionLag);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid failover policy: " + String.join("; ", problems));
    }
  }

  public FailoverPolicy withFailureTimeout(Duration timeout) {
    return new FailoverPolicy(timeout, failoverCooldown, maxPromotionLag);
  }

  public FailoverPolicy withFailoverCooldown(Duration cooldown) {
    return new FailoverPolicy(failureTimeout, cooldown, maxPromotionLag);
  }

  public FailoverPolicy withMaxPromotionLag(long transactions) {
    return new FailoverPolicy(failureTimeout, failoverCooldown, transactions);
  }
}
