package io.godfs.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.logging.Logging;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GODFS_LOG_LEVEL and GODFS_LOG_FORMAT as the launcher reads them, before the command line. */
class LoggingSetupTest {
  @Test
  void aBadLevelIsOneLineNamingTheVariableAndWhatItTakes() {
    assertThat(Main.configureLogging(Map.of("GODFS_LOG_LEVEL", "chatty")))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("GODFS_LOG_LEVEL : chatty (expected: a level (trace, debug,")
                    .doesNotContain("\n"));
  }

  @Test
  void aBadFormatIsOneLineNamingTheVariable() {
    assertThat(Main.configureLogging(Map.of("GODFS_LOG_FORMAT", "logfmt")))
        .contains("GODFS_LOG_FORMAT : logfmt (expected: text or json)");
  }

  @Test
  void theNodeInJsonLinesIsTheMasterOrChunkserverIdElseTheHost() {
    assertThat(Logging.node(Map.of("GODFS_MASTER_NODE_ID", "m1", "HOSTNAME", "h"))).isEqualTo("m1");
    assertThat(Logging.node(Map.of("GODFS_NODE_ID", "chunk-2", "HOSTNAME", "h")))
        .isEqualTo("chunk-2");
    assertThat(Logging.node(Map.of("HOSTNAME", "h"))).isEqualTo("h");
    assertThat(Logging.node(Map.of())).isEmpty();
  }
}
