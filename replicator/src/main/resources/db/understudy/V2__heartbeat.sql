-- Exactly as docs/routing.md defines it. Unlike applied_position, its rows are not node-local: the
-- replicator writes them on the primary and they replicate like user data, so that a replica's
-- newest heartbeat tells its lag. Only the (empty) table is created on every node.
CREATE TABLE heartbeat (
  id INT PRIMARY KEY,
  ts DATETIME(3) NOT NULL
) ENGINE = InnoDB;
