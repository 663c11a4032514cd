package io.understudy.replicator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.TableId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowPlannerTest {

  private static final TableId T = new TableId("app_x", "t");
  private static final TableColumns COLUMNS =
      new TableColumns(T, List.of("id", "name", "note"), List.of("Name_Upper"));
  private final RowPlanner planner = new RowPlanner("node-1");

  @Test
  void insert_usesReplicaColumnOrderAndSkipsGeneratedColumns() throws Exception {
    Map<String, Object> after = row("note", null, "NAME_UPPER", "X", "name", "x", "id", 1L);
    RowChange change = new RowChange(T, Operation.INSERT, List.of("id"), null, after);

    PlannedRow planned = planner.plan("0-1-5", change, COLUMNS);

    assertThat(planned.shape().valueColumns()).containsExactly("id", "name", "note");
    assertThat(planned.values()).containsExactly(1L, "x", null);
  }

  @Test
  void update_setsAfterValuesThenFindsByBeforeKey() throws Exception {
    RowChange change =
        new RowChange(
            T,
            Operation.UPDATE,
            List.of("id"),
            row("id", 1L, "name", "a"),
            row("id", 2L, "name", "b"));

    PlannedRow planned = planner.plan("0-1-5", change, COLUMNS);

    assertThat(planned.shape().whereColumns()).containsExactly("id");
    assertThat(planned.shape().byFullImage()).isFalse();
    assertThat(planned.values()).containsExactly(2L, "b", 1L);
  }

  @Test
  void deleteWithoutPrimaryKey_findsByFullBeforeImage() throws Exception {
    RowChange change =
        new RowChange(T, Operation.DELETE, List.of(), row("name", "a", "id", 1L), null);

    PlannedRow planned = planner.plan("0-1-5", change, COLUMNS);

    assertThat(planned.shape().whereColumns()).containsExactly("id", "name");
    assertThat(planned.shape().byFullImage()).isTrue();
    assertThat(planned.values()).containsExactly(1L, "a");
  }

  @Test
  void rowsWithEqualColumns_shareOneShapeWhateverTheirMapOrder() throws Exception {
    RowChange one =
        new RowChange(T, Operation.INSERT, List.of("id"), null, row("id", 1L, "name", "a"));
    RowChange two =
        new RowChange(T, Operation.INSERT, List.of("id"), null, row("name", "b", "id", 2L));

    assertThat(planner.plan("0-1-5", one, COLUMNS).shape())
        .isEqualTo(planner.plan("0-1-5", two, COLUMNS).shape());
  }

  @Test
  void columnMissingOnReplica_isADivergenceNamingIt() {
    RowChange change =
        new RowChange(T, Operation.INSERT, List.of("id"), null, row("id", 7L, "extra", 1));

    assertThatThrownBy(() -> planner.plan("0-1-9", change, COLUMNS))
        .isInstanceOf(ReplicaDivergedException.class)
        .hasMessageContaining("node-1")
        .hasMessageContaining("0-1-9")
        .hasMessageContaining("app_x.t")
        .hasMessageContaining("[extra]")
        .hasMessageContaining("id=7");
  }

  @Test
  void missingTable_isADivergence() {
    RowChange change = new RowChange(T, Operation.DELETE, List.of("id"), row("id", 3L), null);

    assertThatThrownBy(
            () -> planner.plan("0-1-9", change, new TableColumns(T, List.of(), List.of())))
        .isInstanceOf(ReplicaDivergedException.class)
        .hasMessageContaining("does not exist");
  }

  private static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    List<Object> list = Arrays.asList(namesAndValues);
    for (int i = 0; i < list.size(); i += 2) {
      row.put((String) list.get(i), list.get(i + 1));
    }
    return row;
  }
}
