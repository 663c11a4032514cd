package io.understudy.replicator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionWriterTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE DATABASE app_demo|true",
        "  create schema `app_x` CHARACTER SET utf8mb4|true",
        "DROP DATABASE IF EXISTS app_demo|true",
        "ALTER DATABASE app_demo CHARACTER SET utf8mb4|true",
        "CREATE TABLE app_demo.t (id INT)|false",
        "ALTER TABLE t ADD COLUMN database_name TEXT|false",
        "DROP TABLE databases|false"
      })
  void databaseDdlRunsWithoutSelectingItsSchemaFirst(String ddl, boolean databaseDdl) {
    assertThat(TransactionWriter.isDatabaseDdl(ddl)).isEqualTo(databaseDdl);
  }
}
