package io.understudy.router.internal.jdbc;

import io.understudy.router.internal.node.Lease;

/**
 * Where one statement runs.
 *
 * @param perStatement the lease was borrowed for this statement alone and is released with it;
 *     otherwise it is the logical connection's session and outlives the statement
 */
record Target(Lease lease, boolean perStatement) {}
