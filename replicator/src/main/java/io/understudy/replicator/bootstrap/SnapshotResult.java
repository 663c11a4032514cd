package io.understudy.replicator.bootstrap;

import io.understudy.replicator.model.SourcePosition;
import java.time.Duration;

/**
 * What a snapshot copy did.
 *
 * @param position the last source transaction the copy includes: streaming resumes right after it
 * @param tables how many tables were copied (the heartbeat included)
 * @param rows how many rows were copied, over all tables
 * @param took how long the copy took, from the first check to the last commit
 */
public record SnapshotResult(SourcePosition position, int tables, long rows, Duration took) {}
