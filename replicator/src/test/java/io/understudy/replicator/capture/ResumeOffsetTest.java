package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.ServerVersion;
import io.understudy.replicator.model.SourcePosition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeOffsetTest {

  private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
  private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

  private static PrimarySettings primary(String version, ResumeOffset current) {
    return new PrimarySettings(
        ServerVersion.parse(version), true, "ROW", "FULL", "ON", "ON", Set.of(), current);
  }

  @Test
  void withoutAStartPosition_thePrimarysCurrentPositionIsUsed() {
    ResumeOffset current = new ResumeOffset(A + ":1-9", "binlog.000003", 157);
    assertThat(ResumeOffset.after(primary("8.4.3", current), null)).isEqualTo(current);
  }

  @Test
  void mariaDb_resumesAfterTheAppliedGtidAsItsGtidPosition() {
    ResumeOffset current = new ResumeOffset("0-1-90", "mysql-bin.000002", 4000);
    SourcePosition applied = new SourcePosition("0-1-42", "mysql-bin.000001", 1234);
    assertThat(ResumeOffset.after(primary("11.4.5-MariaDB", current), applied))
        .isEqualTo(new ResumeOffset("0-1-42", "mysql-bin.000001", 1234));
  }

  @Test
  void mySql_resumesAfterTheExecutedSetCutAtTheAppliedTransaction() {
    ResumeOffset current = new ResumeOffset(A + ":1-90,\n" + B + ":1-5", "binlog.000002", 4000);
    SourcePosition applied = new SourcePosition(A + ":42", "binlog.000001", 1234);
    assertThat(ResumeOffset.after(primary("8.4.3", current), applied))
        .isEqualTo(new ResumeOffset(A + ":1-42," + B + ":1-5", "binlog.000001", 1234));
  }

  @Test
  void mySql_aPrimaryThatNeverRanTheAppliedStream_usesItsOwnCoordinates() {
    ResumeOffset current = new ResumeOffset(B + ":1-5", "binlog.000007", 900);
    SourcePosition applied = new SourcePosition(A + ":42", "binlog.000001", 1234);
    assertThat(ResumeOffset.after(primary("8.4.3", current), applied))
        .isEqualTo(new ResumeOffset(B + ":1-5", "binlog.000007", 900));
  }

  @Test
  void offsetKeys_carryGtidsOnlyWhenThereAreAny() {
    assertThat(OffsetKeys.of(new ResumeOffset(A + ":1-42", "binlog.000001", 1234)))
        .isEqualTo(Map.of("file", "binlog.000001", "pos", 1234L, "gtids", A + ":1-42"));
    assertThat(OffsetKeys.of(new ResumeOffset("", null, 0)))
        .isEqualTo(Map.of("file", "", "pos", 0L));
  }
}
