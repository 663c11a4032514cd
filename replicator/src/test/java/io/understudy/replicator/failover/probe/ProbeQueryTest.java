package io.understudy.replicator.failover.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.SourcePosition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeQueryTest {

  @ParameterizedTest(name = "domain {1} of ''{0}'' is ''{2}''")
  @CsvSource(
      nullValues = "null",
      value = {
        "0-1-42, 0, 0-1-42",
        "'0-1-42,1-3-7', 1, 1-3-7",
        "'1-3-7, 0-1-42', 0, 0-1-42",
        "1-3-7, 0, null",
        "'', 0, null",
        "null, 0, null",
      })
  void ownDomain_picksTheEntryOfTheNodesDomain(String gtidBinlogPos, long domain, String expected) {
    SourcePosition position = ProbeQuery.ownDomain(gtidBinlogPos, domain);

    assertThat(position == null ? null : position.gtid()).isEqualTo(expected);
  }
}
