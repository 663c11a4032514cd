package io.understudy.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

  @ParameterizedTest(name = "''{0}'' reads as ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0-1-42             | 0-1-42",
        "' 0-1-42 '         | 0-1-42",
        "1-3-7,0-1-42       | 0-1-42,1-3-7",
        "0-1-40, 0-2-41     | 0-2-41",
        "0-2-41,0-1-40      | 0-2-41",
        "0-1-18446744073709551615 | 0-1-18446744073709551615",
        "4294967295-1-1     | 4294967295-1-1",
        "''                 | ''",
      })
  void parse_keepsTheNewestGtidOfEachDomain_inDomainOrder(String text, String expected) {
    ConsistencyToken token = ConsistencyToken.parse(text);

    assertThat(token).hasToString(expected);
    assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {"0-1", "0-1-", "a-1-2", "0-1-2-3", "0-1--2", "0-1-2,", "-1-1-1", "4294967296-1-1"})
  void parse_rejectsWhatIsNotAGtidList_namingThePart(String text) {
    assertThatThrownBy(() -> ConsistencyToken.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a consistency token")
        .hasMessageContaining("like 0-1-42");
  }

  @Test
  void parse_refusesAnAbsurdlyLongList() {
    String text = "0-1-1,".repeat(300) + "0-1-1";

    assertThatThrownBy(() -> ConsistencyToken.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 256");
  }

  @Test
  void nullAndBlank_areTheTokenThatRequiresNothing() {
    assertThat(ConsistencyToken.parse(null)).isEqualTo(ConsistencyToken.none());
    assertThat(ConsistencyToken.parse("  ").isEmpty()).isTrue();
    assertThat(ConsistencyToken.none()).hasToString("");
  }

  @ParameterizedTest(name = "''{0}'' covered by ''{1}'': {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0-1-42       | 0-1-42        | true",
        "0-1-42       | 0-1-43        | true",
        "0-1-42       | 0-1-41        | false",
        // Within a domain only sequences count: a promoted primary keeps counting up.
        "0-1-42       | 0-2-50        | true",
        "0-1-42       | 1-1-99        | false",
        "0-1-42,1-1-5 | 0-1-42        | false",
        "0-1-42,1-1-5 | 1-1-5,0-3-42  | true",
        "''           | ''            | true",
        "0-1-1        | ''            | false",
      })
  void isCoveredBy_comparesSequencesPerDomain(String required, String applied, boolean covered) {
    assertThat(ConsistencyToken.parse(required).isCoveredBy(ConsistencyToken.parse(applied)))
        .isEqualTo(covered);
  }

  @ParameterizedTest(name = "''{0}'' + ''{1}'' = ''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0-1-5  | 0-1-7  | 0-1-7",
        "0-1-7  | 0-1-5  | 0-1-7",
        "0-1-7  | 1-2-3  | 0-1-7,1-2-3",
        "''     | 1-2-3  | 1-2-3",
        "1-2-3  | ''     | 1-2-3",
      })
  void merge_requiresWhatEitherRequires(String a, String b, String merged) {
    assertThat(ConsistencyToken.parse(a).merge(ConsistencyToken.parse(b))).hasToString(merged);
  }
}
