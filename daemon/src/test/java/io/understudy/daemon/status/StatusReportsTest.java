package io.understudy.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A daemon without a running replicator is never ready, whatever its phase; the JSON and table
 * forms carry what the report says.
 */
class StatusReportsTest {

  static Stream<Arguments> phases() {
    return Stream.of(DaemonPhase.values()).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void withoutAReplicatorTheDaemonIsNotReady(DaemonPhase phase) throws Exception {
    StatusReport report = StatusReports.of(phase, "db1", null, Clock.systemUTC());

    assertThat(report.ready()).isFalse();
    assertThat(report.notReadyBecause()).containsExactly("daemon is " + phase);
    assertThat(report.capture().state()).isEqualTo("NONE");
    assertThat(StatusJson.read(StatusJson.write(report))).isEqualTo(report);
    assertThat(StatusTable.render(report)).contains("NOT READY", "not ready: daemon is " + phase);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replicas")
  void theTableShowsEachReplicaAndWhyItIsBehind(StatusReport.Replica replica, String shown) {
    StatusReport report =
        new StatusReport(
            "RUNNING",
            "db1",
            true,
            List.of(),
            new StatusReport.Capture("RUNNING", null, 10, 20),
            List.of(replica));

    assertThat(StatusTable.render(report)).contains("ready").contains(shown);
  }

  static Stream<Arguments> replicas() {
    return Stream.of(
        Arguments.of(
            new StatusReport.Replica("db2", "RUNNING", "ATTACHED", null, 12L, "0-1-5", 0, 5, null),
            "db2      RUNNING  ATTACHED  12ms  0      0-1-5"),
        Arguments.of(
            new StatusReport.Replica(
                "db3", "RUNNING", "DETACHED", "queue full", 900L, "0-1-4", 3, 4, null),
            "detached: queue full"),
        Arguments.of(
            new StatusReport.Replica(
                "db3", "RUNNING", "ATTACHED", "queue full", 90L, "0-1-4", 3, 4, null),
            "was detached: queue full"),
        Arguments.of(
            new StatusReport.Replica(
                "db4", "STOPPED_DIVERGED", "ATTACHED", null, null, null, 0, 0, "row 7 missing"),
            "db4      STOPPED_DIVERGED  ATTACHED  -    0      -        row 7 missing"));
  }
}
