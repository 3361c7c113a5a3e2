package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private long now;

  @Test
  void drawsPercentMebibytesAndRateWithCarriageReturns() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), 8L << 20, () -> now);

    now = 500_000_000L;
    bar.advance(4L << 20);
    now = 1_000_000_000L;
    bar.advance(8L << 20);
    bar.finish();

    assertThat(err.toString())
        .startsWith("\r 50%  4.0/8.0 MiB  8.0 MiB/s ")
        .contains("\r100%  8.0/8.0 MiB  8.0 MiB/s ")
        .endsWith(System.lineSeparator());
  }

  @Test
  void drawsNothingWhenNotATerminalOrSmall() {
    StringWriter err = new StringWriter();

    ProgressBar.forTransfer(false, 1L << 30, new PrintWriter(err)).finish();
    ProgressBar.forTransfer(true, (8L << 20) - 1, new PrintWriter(err)).finish();

    assertThat(err.toString()).isEmpty();
  }
}
