package io.understudy.replicator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcePositionTest {

  private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  @ParameterizedTest(name = "{0} -> stream {1}, sequence {2}")
  @CsvSource({
    "0-1-42, 0, 42",
    "7-300-1, 7, 1",
    "0-4294967295-18446744073709, 0, 18446744073709",
    UUID + ":42, " + UUID + ", 42",
    "3E11FA47-71CA-11E1-9E33-C80AA9429562:9, " + UUID + ", 9",
    UUID + ":blue:5, " + UUID + ":blue, 5",
  })
  void streamAndSequence_ofBothGtidForms(String gtid, String stream, long sequence) {
    SourcePosition position = new SourcePosition(gtid, null, 0);
    assertThat(position.stream()).isEqualTo(stream);
    assertThat(position.sequence()).isEqualTo(sequence);
  }

  @ParameterizedTest(name = "{0} after {1}: {2}")
  @CsvSource({
    "0-1-5, 0-1-4, true",
    "0-2-5, 0-1-4, true", // another server of the same domain: the sequence decides
    "0-1-4, 0-1-4, false",
    "0-1-3, 0-1-4, false",
    "1-1-9, 0-1-4, false", // another domain: not ordered
    UUID + ":5, " + UUID + ":4, true",
    UUID + ":4, " + UUID + ":4, false",
    UUID + ":3, " + UUID + ":4, false",
    "aaaaaaaa-71ca-11e1-9e33-c80aa9429562:9, " + UUID + ":4, false", // another source server
    UUID + ":tag:9, " + UUID + ":4, false", // a tagged GTID is a stream of its own
    "0-1-9, " + UUID + ":4, false",
  })
  void isAfter_comparesSequencesWithinOneStreamOnly(String gtid, String other, boolean after) {
    assertThat(new SourcePosition(gtid, null, 0).isAfter(new SourcePosition(other, null, 0)))
        .isEqualTo(after);
  }

  @ParameterizedTest
  @CsvSource({
    "'', nothing",
    "abc, letters",
    "0-1, two parts",
    UUID + ":x, no number",
    "0-1-x, no number"
  })
  void malformedGtids_areNamedInTheError(String gtid, String why) {
    SourcePosition position = new SourcePosition(gtid, null, 0);
    assertThatThrownBy(() -> position.isAfter(position))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + gtid + "' is not a GTID");
  }
}
