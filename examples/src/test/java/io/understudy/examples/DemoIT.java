package io.understudy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.testkit.ClusterOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README demo runs to the end and shows what it promises. */
class DemoIT {

  @TempDir Path directory;

  @Test
  void demoShowsRolesAndGtidPositionsAndStops() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    new Demo(new PrintStream(buffer, true, StandardCharsets.UTF_8))
        .run(ClusterOptions.fromSystemProperties(3).withDirectory(directory));
    String output = buffer.toString(StandardCharsets.UTF_8);

    assertThat(output).contains("Cluster ready in", "All nodes stopped");
    assertThat(output).containsPattern("node-0 +primary +1 .* OFF +- ");
    assertThat(output).containsPattern("node-1 +replica +2 .* ON ");
    assertThat(output).contains("Replicated: every replica has applied them.");
    assertThat(output)
        .contains("Rows in app_demo.greeting on each node: node-0 11, node-1 11, node-2 11");
    assertThat(output).containsPattern("node-2 +replica +3 .* ON ");
    assertThat(output)
        .as("the primary's binlog moved")
        .containsPattern("node-0 +primary .* 0-1-\\d+ ");
    assertThat(output).as("applied on node-1").containsPattern("node-1 +0-1-\\d+ +\\d+");
    assertThat(output).contains("reads by @@server_id: {2=50, 3=50}");
  }
}
