package io.understudy.replicator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTemplatesTest {

  private static final TableId ORDERS = new TableId("app_shop", "orders");

  @Test
  void insert_listsColumnsAndOnePlaceholderEach() {
    RowShape shape =
        new RowShape(ORDERS, Operation.INSERT, List.of("id", "total"), List.of(), false);

    assertThat(SqlTemplates.render(shape))
        .isEqualTo("INSERT INTO `app_shop`.`orders` (`id`, `total`) VALUES (?, ?)");
  }

  @Test
  void updateByPrimaryKey_setsAfterColumnsAndFindsRowByKey() {
    RowShape shape =
        new RowShape(
            ORDERS, Operation.UPDATE, List.of("id", "total"), List.of("id", "region"), false);

    assertThat(SqlTemplates.render(shape))
        .isEqualTo(
            "UPDATE `app_shop`.`orders` SET `id` = ?, `total` = ? WHERE `id` = ? AND `region` = ?");
  }

  @Test
  void deleteByPrimaryKey_findsRowByKey() {
    RowShape shape = new RowShape(ORDERS, Operation.DELETE, List.of(), List.of("id"), false);

    assertThat(SqlTemplates.render(shape))
        .isEqualTo("DELETE FROM `app_shop`.`orders` WHERE `id` = ?");
  }

  @Test
  void withoutPrimaryKey_comparesNullSafelyAndTouchesOneRow() {
    RowShape update =
        new RowShape(ORDERS, Operation.UPDATE, List.of("a", "b"), List.of("a", "b"), true);
    RowShape delete = new RowShape(ORDERS, Operation.DELETE, List.of(), List.of("a", "b"), true);

    assertThat(SqlTemplates.render(update))
        .isEqualTo(
            "UPDATE `app_shop`.`orders` SET `a` = ?, `b` = ? WHERE `a` <=> ? AND `b` <=> ? LIMIT 1");
    assertThat(SqlTemplates.render(delete))
        .isEqualTo("DELETE FROM `app_shop`.`orders` WHERE `a` <=> ? AND `b` <=> ? LIMIT 1");
  }

  @Test
  void identifiersWithBackticks_areEscaped() {
    RowShape shape =
        new RowShape(
            new TableId("app_x", "we`ird"), Operation.INSERT, List.of("c`1"), List.of(), false);

    assertThat(SqlTemplates.render(shape))
        .isEqualTo("INSERT INTO `app_x`.`we``ird` (`c``1`) VALUES (?)");
  }

  @Test
  void positionUpsert_writesEveryColumnOfTheStreamRowWithoutValuesFunction() {
    assertThat(SqlTemplates.UPSERT_POSITION)
        .startsWith("INSERT INTO understudy.applied_position")
        .contains("ON DUPLICATE KEY UPDATE gtid = ?, binlog_file = ?, binlog_position = ?,")
        .contains("source_commit_time = ?, applied_at = UTC_TIMESTAMP(6)")
        .doesNotContain("VALUES(");
    // stream + four values for the insert + the same four for the update
    assertThat(SqlTemplates.UPSERT_POSITION.chars().filter(c -> c == '?')).hasSize(9);
  }

  @Test
  void columnQuery_usesEachFlavoursWayOfMarkingGeneratedColumns() {
    String where = " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    assertThat(SqlTemplates.selectColumns(ServerFlavour.MARIADB))
        .isEqualTo(
            "SELECT COLUMN_NAME, IS_GENERATED = 'ALWAYS'" + where + " ORDER BY ORDINAL_POSITION");
    assertThat(SqlTemplates.selectColumns(ServerFlavour.MYSQL))
        .isEqualTo(
            "SELECT COLUMN_NAME, GENERATION_EXPRESSION <> ''"
                + where
                + " ORDER BY ORDINAL_POSITION");
  }
}
