package io.understudy.replicator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApplierConfigTest {

  @Test
  void build_reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                ApplierConfig.builder()
                    .jdbcUrl("jdbc:postgresql://x/")
                    .queueCapacity(0)
                    .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replica:")
        .hasMessageContaining("jdbcUrl:")
        .hasMessageContaining("user:")
        .hasMessageContaining("queueCapacity:")
        .hasMessageContaining("backoff:");
  }

  @Test
  void connectionUrl_addsBatchRewritingToUrlsWithAndWithoutProperties() {
    ApplierConfig plain = valid("jdbc:mysql://127.0.0.1:3306/");
    ApplierConfig withProperties = valid("jdbc:mysql://127.0.0.1:3306/?sslMode=REQUIRED");

    assertThat(plain.connectionUrl())
        .startsWith("jdbc:mysql://127.0.0.1:3306/?rewriteBatchedStatements=true&");
    assertThat(withProperties.connectionUrl())
        .startsWith("jdbc:mysql://127.0.0.1:3306/?sslMode=REQUIRED&rewriteBatchedStatements=true&");
  }

  @Test
  void toString_masksThePassword() {
    assertThat(valid("jdbc:mysql://h/").toString()).doesNotContain("s3cret").contains("****");
  }

  private static ApplierConfig valid(String url) {
    return ApplierConfig.builder()
        .replica("node-1")
        .jdbcUrl(url)
        .credentials("r", "s3cret")
        .build();
  }
}
