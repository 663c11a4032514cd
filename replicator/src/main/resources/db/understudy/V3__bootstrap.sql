-- Node-local: a row here while a snapshot copy fills this replica. It is written before the copy
-- touches any table and deleted by the copy's last transaction, the one that writes
-- applied_position. A row found at the start of a copy means an earlier one was interrupted: the
-- rows it left are a partial copy of the primary, which the new copy may replace.
CREATE TABLE bootstrap_in_progress (
  id         TINYINT      NOT NULL PRIMARY KEY COMMENT 'always 1: one copy per replica',
  source     VARCHAR(255) NOT NULL COMMENT 'the primary being copied, host:port',
  started_at DATETIME(6)  NOT NULL COMMENT 'when the copy began, UTC'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
