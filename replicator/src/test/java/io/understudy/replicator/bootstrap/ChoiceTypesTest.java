package io.understudy.replicator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceTypesTest {

  @Test
  void labels_areUnescapedInOrder() {
    assertThat(ChoiceTypes.labels("enum('a','it''s','back\\\\slash','','x,y')"))
        .containsExactly("a", "it's", "back\\slash", "", "x,y");
    assertThat(ChoiceTypes.labels("set('x','y','z')")).containsExactly("x", "y", "z");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "enum('a','b','?')     | true",
        "set('x','why?')       | true",
        "enum('a','b')         | false",
        "set('x')              | false",
      })
  void mayBeLossy_whenALabelHoldsAQuestionMark(String type, boolean lossy) {
    assertThat(ChoiceTypes.mayBeLossy(type)).isEqualTo(lossy);
  }

  @Test
  void render_quotesWhatLabelsNeedAndParsesBack() {
    List<String> labels = List.of("😀", "it's", "back\\slash", "");
    String type = ChoiceTypes.render(false, labels);

    assertThat(type).isEqualTo("enum('😀','it''s','back\\\\slash','')");
    assertThat(ChoiceTypes.labels(type)).isEqualTo(labels);
    assertThat(ChoiceTypes.render(true, List.of("x"))).isEqualTo("set('x')");
  }

  @Test
  void withType_replacesOnlyThatColumnsType() {
    String create =
        "CREATE TABLE `t` (\n  `e` enum('a','?') DEFAULT NULL,\n  `f` enum('a','?') NOT NULL\n)";

    assertThat(ChoiceTypes.withType(create, "f", "enum('a','?')", "enum('a','😀')"))
        .isEqualTo(
            "CREATE TABLE `t` (\n  `e` enum('a','?') DEFAULT NULL,\n"
                + "  `f` enum('a','😀') NOT NULL\n)");
    assertThatThrownBy(() -> ChoiceTypes.withType(create, "g", "enum('a','?')", "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Column g");
  }
}
