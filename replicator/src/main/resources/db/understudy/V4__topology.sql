-- Node-local, never replicated: the failover monitor writes one epoch (a topology row and its
-- member rows, in one transaction) on each node with sql_log_bin = 0, and routers read the highest
-- epoch they can reach. Old epochs stay as history. Contract: docs/failover.md.
CREATE TABLE topology (
  epoch        BIGINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'increases with every change; the fencing token',
  primary_node VARCHAR(64)  NOT NULL COMMENT 'name of the primary in this epoch',
  written_at   DATETIME(6)  NOT NULL COMMENT 'UTC',
  written_by   VARCHAR(255) NOT NULL COMMENT 'which monitor wrote it',
  reason       VARCHAR(1024) NOT NULL COMMENT 'why this epoch began'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE TABLE topology_member (
  epoch BIGINT UNSIGNED NOT NULL,
  node  VARCHAR(64)  NOT NULL,
  host  VARCHAR(255) NOT NULL,
  port  INT NOT NULL,
  role  ENUM('primary', 'replica', 'fenced') NOT NULL,
  PRIMARY KEY (epoch, node)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
