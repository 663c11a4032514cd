package io.understudy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  private static final Path DIR = Path.of("target", "clusters");

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> new ClusterOptions(0, ClusterOptions.Kind.EMBEDDED, null, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes=0 is out of range: allowed 1..9")
        .hasMessageContaining("flavour is missing")
        .hasMessageContaining("directory is missing");
  }

  @Test
  void mysqlIsRefusedForEmbeddedClustersWithTheFix() {
    assertThatThrownBy(
            () -> new ClusterOptions(3, ClusterOptions.Kind.EMBEDDED, Flavour.MYSQL, DIR, false))
        .hasMessageContaining("-Dunderstudy.cluster=containers");
  }

  @Test
  void systemPropertiesSelectKindAndFlavour() {
    System.setProperty("understudy.cluster", "Containers");
    System.setProperty("understudy.flavour", "mysql");
    try {
      ClusterOptions options = ClusterOptions.fromSystemProperties(2);
      assertThat(options.kind()).isEqualTo(ClusterOptions.Kind.CONTAINERS);
      assertThat(options.flavour()).isEqualTo(Flavour.MYSQL);
      assertThat(options.nodes()).isEqualTo(2);
    } finally {
      System.clearProperty("understudy.cluster");
      System.clearProperty("understudy.flavour");
    }
  }

  @Test
  void unknownPropertyValueNamesTheAllowedOnes() {
    System.setProperty("understudy.cluster", "kubernetes");
    try {
      assertThatThrownBy(() -> ClusterOptions.fromSystemProperties(3))
          .hasMessage(
              "-Dunderstudy.cluster=kubernetes is not allowed: use one of [embedded, containers]");
    } finally {
      System.clearProperty("understudy.cluster");
    }
  }

  @Test
  void credentialsNeverShowThePassword() {
    assertThat(new Credentials("app", "s3cret").toString())
        .doesNotContain("s3cret")
        .contains("app");
    assertThat(ClusterUsers.TESTKIT.toString()).doesNotContain("secret");
  }
}
