#!/bin/bash
# Sourced by the mariadb image's entrypoint on first start (it provides docker_process_sql).
# Creates the same users as the testkit, outside the binary log, then empties the GTID history so
# that every node starts from the same (empty) position.
{
  echo "SET SESSION sql_log_bin = 0;"
  cat /understudy/mariadb-users.sql
  echo "RESET MASTER;"
} | docker_process_sql
