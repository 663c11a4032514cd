package io.understudy.replicator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotPositionsTest {

  @Test
  void oneDomain_isTheLastTransactionIncluded() throws Exception {
    assertThat(SnapshotPositions.of("0-1-42", "bin.000003", 1234, "p:3306"))
        .isEqualTo(new SourcePosition("0-1-42", "bin.000003", 1234));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0-1-42,1-2-7 | several domains",
        "''           | no GTID",
        "0-1          | cannot read",
      })
  void anythingButOneGtid_isRefused(String gtids, String reason) {
    assertThatThrownBy(() -> SnapshotPositions.of(gtids, "bin.000003", 1234, "p:3306"))
        .isInstanceOf(SnapshotRefusedException.class)
        .hasMessageContaining("p:3306")
        .hasMessageContaining(reason);
  }

  @Test
  void null_isRefused() {
    assertThatThrownBy(() -> SnapshotPositions.of(null, "bin.000003", 1234, "p:3306"))
        .isInstanceOf(SnapshotRefusedException.class);
  }
}
