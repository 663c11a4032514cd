package io.understudy.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/daemon.md lists every key of the file with its environment variable. */
class DaemonDocsTest {

  @Test
  void everyKeyAndItsVariableIsDocumented() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "daemon.md"));

    for (ConfigKey key : ConfigKey.values()) {
      assertThat(docs)
          .as(key.path())
          .contains("| `" + key.path() + "` |")
          .contains("`" + key.environmentVariable() + "`");
    }
    for (NodeKey key : NodeKey.values()) {
      assertThat(docs).contains("| `nodes[i]." + key.key() + "` |");
    }
  }
}
