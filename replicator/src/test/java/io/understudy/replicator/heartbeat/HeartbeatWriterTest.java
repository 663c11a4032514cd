package io.understudy.replicator.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeartbeatWriterTest {

  @ParameterizedTest(name = "interval {0} ms, failure {1}: wait {2} ms")
  @CsvSource({
    "500, 1, 500",
    "500, 2, 1000",
    "500, 3, 2000",
    "500, 4, 4000",
    "500, 5, 5000",
    "500, 1000, 5000",
    "10, 1, 10",
    "10, 10, 5000",
    "60000, 1, 5000",
  })
  void retryDelay_startsAtTheIntervalAndDoublesUpToFiveSeconds(
      long intervalMillis, int failures, long expectedMillis) {
    assertThat(HeartbeatWriter.retryDelay(Duration.ofMillis(intervalMillis), failures))
        .isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest(name = "{0} every {1} ms")
  @CsvSource({
    "jdbc:mysql://db:3306/, 500, jdbc:mysql://db:3306/?connectTimeout=5000&socketTimeout=5000&tcpKeepAlive=true",
    "jdbc:mysql://db:3306/?ssl=true, 2000, jdbc:mysql://db:3306/?ssl=true&connectTimeout=5000&socketTimeout=8000&tcpKeepAlive=true",
  })
  void withTimeouts_boundsAWriteToAFewIntervalsButNoLessThanTheConnectTimeout(
      String url, long intervalMillis, String expected) {
    assertThat(HeartbeatWriter.withTimeouts(url, Duration.ofMillis(intervalMillis)))
        .isEqualTo(expected);
  }
}
