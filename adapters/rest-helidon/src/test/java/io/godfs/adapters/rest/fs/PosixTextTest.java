package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Modes as {@code ls -l} and octal show them, times as RFC 3339 with every nanosecond. */
class PosixTextTest {

  @Test
  void permissionsAreLsStyleWithTheSpecialBitsOverExecute() {
    assertThat(PosixText.permissions(0755)).isEqualTo("rwxr-xr-x");
    assertThat(PosixText.permissions(0644)).isEqualTo("rw-r--r--");
    assertThat(PosixText.permissions(0)).isEqualTo("---------");
    assertThat(PosixText.permissions(07777)).isEqualTo("rwsrwsrwt");
    assertThat(PosixText.permissions(07000)).isEqualTo("--S--S--T");
    assertThat(PosixText.permissions(02750)).isEqualTo("rwxr-s---");
    assertThat(PosixText.permissions(01666)).isEqualTo("rw-rw-rwT");
  }

  @Test
  void octalIsFourDigits() {
    assertThat(PosixText.octal(0755)).isEqualTo("0755");
    assertThat(PosixText.octal(0)).isEqualTo("0000");
    assertThat(PosixText.octal(04755)).isEqualTo("4755");
    assertThat(PosixText.octal(07777)).isEqualTo("7777");
  }

  @Test
  void timesKeepEveryNanosecondBefore1970AndAfter2038() {
    for (String t :
        new String[] {
          "1969-12-31T23:59:59.999999999Z",
          "1900-01-01T00:00:00.000000001Z",
          "2106-02-07T06:28:16.123456789Z",
          "1970-01-01T00:00:00.000000000Z"
        }) {
      assertThat(PosixText.time(Instant.parse(t))).isEqualTo(t);
      assertThat(Instant.parse(PosixText.time(Instant.parse(t)))).isEqualTo(Instant.parse(t));
    }
    assertThat(PosixText.time(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05.000000000Z");
  }
}
