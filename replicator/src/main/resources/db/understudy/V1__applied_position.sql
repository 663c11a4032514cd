-- Node-local: each replica records here, in the same transaction as the rows, the last source
-- transaction it applied. One row per source stream (a GTID domain, e.g. '0').
CREATE TABLE applied_position (
  stream             VARCHAR(64)  NOT NULL PRIMARY KEY COMMENT 'GTID domain of the source stream',
  gtid               VARCHAR(64)  NOT NULL COMMENT 'last applied source GTID, domain-server-seq',
  binlog_file        VARCHAR(255) NULL     COMMENT 'source binlog file of its commit',
  binlog_position    BIGINT       NULL     COMMENT 'source binlog position after its commit',
  source_commit_time DATETIME(6)  NULL     COMMENT 'its commit time on the source, UTC',
  applied_at         DATETIME(6)  NOT NULL COMMENT 'when this node committed it, UTC'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
