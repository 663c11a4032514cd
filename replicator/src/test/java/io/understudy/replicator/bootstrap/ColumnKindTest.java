package io.understudy.replicator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnKindTest {

  @ParameterizedTest
  @CsvSource({
    "binary, BYTES", "VARBINARY, BYTES", "longblob, BYTES", "bit, BYTES", "point, BYTES",
    "float, FLOAT", "double, TEXT", "decimal, TEXT", "bigint, TEXT", "time, TEXT",
    "timestamp, TEXT", "varchar, TEXT", "longtext, TEXT", "enum, TEXT", "set, TEXT",
    "year, TEXT", "inet6, TEXT"
  })
  void kindOfADataType(String dataType, ColumnKind kind) {
    assertThat(ColumnKind.of(dataType)).isEqualTo(kind);
  }

  @Test
  void selectAndInsert_nameEveryColumnQuotedAndReadFloatsAsDoubles() {
    TableId table = new TableId("app`x", "t");
    List<SourceColumn> columns =
        List.of(
            new SourceColumn("id", ColumnKind.TEXT),
            new SourceColumn("f", ColumnKind.FLOAT),
            new SourceColumn("b`q", ColumnKind.BYTES));

    assertThat(CopySql.select(table, columns))
        .isEqualTo("SELECT `id`, CAST(`f` AS DOUBLE), `b``q` FROM `app``x`.`t`");
    assertThat(CopySql.insert(table, columns))
        .isEqualTo("INSERT INTO `app``x`.`t` (`id`, `f`, `b``q`) VALUES (?, ?, ?)");
  }

  @ParameterizedTest
  @CsvSource({
    "jdbc:mysql://10.0.0.5:3306/, 10.0.0.5:3306",
    "jdbc:mysql://db:3307/app?x=1, db:3307",
    "jdbc:mysql://db:3307?x=1, db:3307",
    "jdbc:mysql://db, db"
  })
  void nodeOfAUrl(String url, String node) {
    assertThat(JdbcUrls.nodeOf(url)).isEqualTo(node);
  }
}
