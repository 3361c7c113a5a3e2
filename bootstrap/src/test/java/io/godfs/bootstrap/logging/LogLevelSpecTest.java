package io.godfs.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Role;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code GODFS_LOG_LEVEL} and {@code GODFS_LOG_FORMAT}: what they accept and how they refuse. */
class LogLevelSpecTest {
  @Test
  void aBareLevelSetsTheRootAndPairsSetLoggersWithSystemLoggerNamesMappedToJul() {
    LogLevelSpec spec =
        LogLevelSpec.parse(" info, io.godfs.application.master=debug ,org.apache.ratis=WARN");

    assertThat(spec.root()).isEqualTo(Level.INFO);
    assertThat(spec.loggers())
        .containsExactly(
            Map.entry("io.godfs.application.master", Level.FINE),
            Map.entry("org.apache.ratis", Level.WARNING));
  }

  @Test
  void everySystemLoggerLevelNameMapsAsTheJdkDoesAndBack() {
    assertThat(LogLevelNames.parse("trace")).isEqualTo(Level.FINER);
    assertThat(LogLevelNames.parse("DEBUG")).isEqualTo(Level.FINE);
    assertThat(LogLevelNames.parse("Info")).isEqualTo(Level.INFO);
    assertThat(LogLevelNames.parse("warning")).isEqualTo(Level.WARNING);
    assertThat(LogLevelNames.parse("error")).isEqualTo(Level.SEVERE);
    assertThat(LogLevelNames.parse("off")).isEqualTo(Level.OFF);
    assertThat(LogLevelNames.parse("all")).isEqualTo(Level.ALL);
    for (System.Logger.Level level : System.Logger.Level.values()) {
      assertThat(LogLevelNames.name(LogLevelNames.parse(level.getName())))
          .isEqualTo(level.getName());
    }
    assertThat(LogLevelNames.name(Level.CONFIG)).isEqualTo("DEBUG");
    assertThat(LogLevelNames.name(Level.FINEST)).isEqualTo("TRACE");
  }

  @Test
  void onlyPairsMayFollowAndRootNamesTheRootLogger() {
    assertThat(LogLevelSpec.parse("root=warn,io.godfs=debug").root()).isEqualTo(Level.WARNING);
    assertThat(LogLevelSpec.parse("root=warn").loggers()).isEmpty();
    assertThat(LogLevelSpec.parse("io.godfs=debug").root()).isEqualTo(Level.INFO);
    assertThatThrownBy(() -> LogLevelSpec.parse("info,debug"))
        .hasMessageContaining("'debug' is not logger=level");
    assertThatThrownBy(() -> LogLevelSpec.parse("info,a b=debug"))
        .hasMessageContaining("not a logger name");
    assertThatThrownBy(() -> LogLevelSpec.parse("verbose"))
        .hasMessageContaining("not a log level: 'verbose'");
  }

  @Test
  void badValuesStopTheStartNamingTheSettingAndWhatItTakes() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("GODFS_LOG_LEVEL", "info,io.godfs=loud"))
                    .logging(Role.MASTER, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_LOG_LEVEL : info,io.godfs=loud (expected: a level (trace,")
        .hasMessageContaining("logger=level pairs, like info,org.apache.ratis=warn");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("GODFS_LOG_FORMAT", "xml")).logging(Role.CLIENT, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("GODFS_LOG_FORMAT : xml (expected: text or json)");
  }

  @Test
  void theDefaultsAreInfoAndTextAndJsonIsChosenByName() {
    assertThat(new ConfigLoader(Map.of()).logging(Role.CHUNKSERVER, Map.of()))
        .isEqualTo(LogSettings.DEFAULT);
    LogSettings json =
        new ConfigLoader(Map.of("GODFS_LOG_FORMAT", "JSON", "GODFS_LOG_LEVEL", "debug"))
            .logging(Role.GATEWAY, Map.of());
    assertThat(json.format()).isEqualTo(LogFormat.JSON);
    assertThat(json.levels().root()).isEqualTo(Level.FINE);
    assertThat(json.format().formatter("n")).isInstanceOf(JsonFormatter.class);
  }
}
