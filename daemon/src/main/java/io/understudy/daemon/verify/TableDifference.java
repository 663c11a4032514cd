package io.understudy.daemon.verify;

import io.understudy.replicator.model.TableId;
import java.util.List;

/**
 * A replicated table whose content on a replica is not the primary's.
 *
 * @param reason what differs, e.g. the two checksums, or that the table is missing
 * @param ranges the narrowed-down key ranges; empty when they could not be narrowed (no primary
 *     key, missing table)
 */
public record TableDifference(
    TableId table, String replica, String reason, List<RangeDifference> ranges) {}
