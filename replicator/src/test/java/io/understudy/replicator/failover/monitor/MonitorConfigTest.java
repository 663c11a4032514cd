package io.understudy.replicator.failover.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.failover.analysis.FailoverPolicy;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MonitorConfigTest {

  private static MonitorConfig.Builder valid() {
    return MonitorConfig.builder()
        .primary("node-0", "db0", 3306)
        .replica("node-1", "db1", 3306)
        .replica("node-2", "db2", 3306)
        .credentials("monitor", "secret");
  }

  @Test
  void defaults_followTheIssue() {
    MonitorConfig config = valid().build();

    assertThat(config.checkInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.policy()).isEqualTo(FailoverPolicy.DEFAULTS);
    assertThat(config.nodes())
        .containsExactly(
            new MonitoredNode("node-0", "db0", 3306, 0, false),
            new MonitoredNode("node-1", "db1", 3306, 0, false),
            new MonitoredNode("node-2", "db2", 3306, 0, false));
  }

  @Test
  void prioritiesAndNeverPromote_landOnTheirNodes() {
    MonitorConfig config = valid().priority("node-2", 5).neverPromote("node-1").build();

    assertThat(config.nodes().get(1)).isEqualTo(new MonitoredNode("node-1", "db1", 3306, 0, true));
    assertThat(config.nodes().get(2)).isEqualTo(new MonitoredNode("node-2", "db2", 3306, 5, false));
  }

  @Test
  void toString_masksThePassword() {
    assertThat(valid().build().toString()).contains("password=****").doesNotContain("secret");
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        problem(b -> b.checkInterval(Duration.ZERO), "checkInterval=PT0S: must be positive"),
        problem(b -> b.checkInterval(null), "checkInterval: is required"),
        problem(
            b -> b.checkInterval(Duration.ofSeconds(1)),
            "checkInterval=1000ms: must be shorter than failureTimeout=1000ms"),
        problem(
            b -> b.failureTimeout(Duration.ofMillis(-1)),
            "failureTimeout=PT-0.001S: must be positive"),
        problem(
            b -> b.failoverCooldown(Duration.ofSeconds(-1)),
            "failoverCooldown=PT-1S: must be 0 or more"),
        problem(b -> b.maxPromotionLag(-1), "maxPromotionLag=-1: must be 0 or more transactions"),
        problem(b -> b.probeTimeout(Duration.ZERO), "probeTimeout=PT0S: must be positive"),
        problem(b -> b.priority("node-9", 3), "priority of 'node-9': no such node"),
        problem(b -> b.neverPromote("node-9"), "neverPromote 'node-9': no such node"),
        problem(
            b -> b.neverPromote("node-1").neverPromote("node-2"),
            "neverPromote: every replica is marked never-promote"),
        problem(b -> b.replica("node-1", "elsewhere", 3307), "node node-1: appears twice"),
        problem(b -> b.replica("node-3", "db3", 0), "node node-3: port must be 1..65535, not 0"),
        problem(b -> b.replica("node-3", " ", 3306), "node node-3: host is required"),
        problem(b -> b.credentials(" ", "x"), "user: is required"),
        problem(b -> b.credentials("monitor", null), "password: is required"));
  }

  private static Arguments problem(UnaryOperator<MonitorConfig.Builder> change, String message) {
    return Arguments.of(change, message);
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void invalidSetting_isNamed(UnaryOperator<MonitorConfig.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid failover monitor configuration: ")
        .hasMessageContaining(message);
  }

  @Test
  void severalProblems_areNamedInOneException() {
    assertThatThrownBy(
            () ->
                MonitorConfig.builder()
                    .replica("node-1", "db1", 3306)
                    .credentials("monitor", "secret")
                    .checkInterval(Duration.ZERO)
                    .maxPromotionLag(-5)
                    .priority("ghost", 1)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority of 'ghost': no such node")
        .hasMessageContaining("nodes: a primary and at least one replica are needed, got 1")
        .hasMessageContaining("primary 'null': must be one of the nodes")
        .hasMessageContaining("checkInterval=PT0S: must be positive")
        .hasMessageContaining("maxPromotionLag=-5");
  }
}
