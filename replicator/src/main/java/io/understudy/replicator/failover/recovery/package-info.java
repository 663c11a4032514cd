/**
 * Recovery: the stage that carries out a failover decision. Only its interface exists so far; the
 * detection-only monitor calls it when one is configured. Design: {@code docs/failover.md}.
 */
package io.understudy.replicator.failover.recovery;
