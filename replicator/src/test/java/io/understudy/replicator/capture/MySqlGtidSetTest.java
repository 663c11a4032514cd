package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.SourcePosition;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MySqlGtidSetTest {

  private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
  private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

  static Stream<Arguments> textForms() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of(A + ":1-5", A + ":1-5"),
        Arguments.of(A + ":7", A + ":7"),
        Arguments.of(A + ":1-5:7-9", A + ":1-5:7-9"),
        // MySQL wraps long sets over lines; UUIDs print in lower case
        Arguments.of(A.toUpperCase() + ":1-5,\n " + B + ":1-3", A + ":1-5," + B + ":1-3"),
        // order, overlaps and adjacent ranges are normalised
        Arguments.of(B + ":1-3," + A + ":6-9:1-5:3", A + ":1-9," + B + ":1-3"),
        // MySQL 8.3+ tags: the ranges after a tag are the tagged stream's
        Arguments.of(A + ":1-5:blue:1-2:red:4", A + ":1-5:blue:1-2:red:4"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("textForms")
  void parsesAndPrintsInMySqlForm(String text, String printed) {
    assertThat(MySqlGtidSet.parse(text)).hasToString(printed);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nonsense",
        A,
        A + ":",
        A + ":0",
        A + ":5-3",
        A + ":1-x",
        ":1-5",
      })
  void malformedSets_areRefusedNamingTheSet(String text) {
    assertThatThrownBy(() -> MySqlGtidSet.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a MySQL GTID set");
  }

  @ParameterizedTest(name = "executed {0}, applied {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // one source: everything up to and including the applied transaction
        A + ":1-100 | " + A + ":42 | " + A + ":1-42",
        A + ":1-100 | " + A + ":100 | " + A + ":1-100",
        A + ":1-100 | " + A + ":1 | " + A + ":1",
        // gaps (purged or skipped numbers) stay gaps: the result stays within the executed set
        A + ":1-10:20-30 | " + A + ":25 | " + A + ":1-10:20-25",
        A + ":1-10:20-30 | " + A + ":15 | " + A + ":1-10",
        // after a failover: the other source's transactions count as applied
        A + ":1-100," + B + ":1-7 | " + A + ":42 | " + A + ":1-42," + B + ":1-7",
        A + ":1-100," + B + ":1-7 | " + B + ":3 | " + A + ":1-100," + B + ":1-3",
        // the applied stream is unknown to this primary: nothing of it, the rest whole
        B + ":1-7 | " + A + ":42 | " + B + ":1-7",
        "'' | " + A + ":42 | ''",
        // the replica is ahead of the primary: never more than the primary has
        A + ":1-10 | " + A + ":42 | " + A + ":1-10",
        // a tagged stream is cut on its own
        A + ":1-10:t:1-5 | " + A + ":t:2 | " + A + ":1-10:t:1-2",
      })
  void through_keepsEverythingUpToTheAppliedTransactionAndOtherStreamsWhole(
      String executed, String applied, String expected) {
    assertThat(MySqlGtidSet.parse(executed).through(new SourcePosition(applied, null, 0)))
        .isEqualTo(MySqlGtidSet.parse(expected));
  }

  @Test
  void hasStream_andRanges_ignoreCase() {
    MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-3:9");
    assertThat(set.hasStream(A.toUpperCase())).isTrue();
    assertThat(set.hasStream(B)).isFalse();
    assertThat(set.ranges(A))
        .containsExactly(new MySqlGtidSet.Range(1, 3), new MySqlGtidSet.Range(9, 9));
    assertThat(MySqlGtidSet.parse(null).isEmpty()).isTrue();
  }
}
