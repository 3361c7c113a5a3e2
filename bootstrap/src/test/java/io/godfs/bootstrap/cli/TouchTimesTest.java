package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** touch's -d and -t, to the nanosecond, before 1970 too. */
class TouchTimesTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @Test
  void dateTakesRfc3339AndIso8601ToTheNanosecond() {
    assertThat(TouchTimes.date("2026-01-02T03:04:05.123456789Z", ZONE))
        .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
    assertThat(TouchTimes.date("1969-07-20T20:17:40.000000001-05:00", ZONE))
        .isEqualTo(Instant.parse("1969-07-21T01:17:40.000000001Z"));
    assertThat(TouchTimes.date("2026-01-02 03:04:05z", ZONE))
        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(TouchTimes.date("2026-07-02T03:04:05.5", ZONE))
        .as("no offset: local time")
        .isEqualTo(Instant.parse("2026-07-02T01:04:05.5Z"));
    assertThat(TouchTimes.date("2026-01-02", ZONE))
        .isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
    assertThat(TouchTimes.date("@-1.5", ZONE)).isEqualTo(Instant.parse("1969-12-31T23:59:58.5Z"));
    assertThat(TouchTimes.date("@1767323045.000000001", ZONE))
        .isEqualTo(Instant.ofEpochSecond(1767323045, 1));
    assertThat(TouchTimes.date("now", ZONE)).isNull();
    assertThat(TouchTimes.date("NOW", ZONE)).isNull();
  }

  @Test
  void aBadDateListsTheForms() {
    for (String bad : new String[] {"yesterday", "2026-13-01", "2026-01-02T25:00Z", "@x", ""}) {
      assertThatThrownBy(() -> TouchTimes.date(bad, ZONE))
          .as(bad)
          .hasMessageStartingWith("expected: an ISO-8601 time");
    }
  }

  @Test
  void stampIsTouchsFormInLocalTime() {
    assertThat(TouchTimes.stamp("202601020304.05", ZONE))
        .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5).atZone(ZONE).toInstant());
    assertThat(TouchTimes.stamp("6907202017", ZoneOffset.UTC))
        .isEqualTo(Instant.parse("1969-07-20T20:17:00Z"));
    assertThat(TouchTimes.stamp("6807202017", ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2068-07-20T20:17:00Z"));
    assertThat(TouchTimes.stamp("01020304", ZoneOffset.UTC))
        .isEqualTo(
            LocalDateTime.of(Year.now(ZoneOffset.UTC).getValue(), 1, 2, 3, 4)
                .toInstant(ZoneOffset.UTC));
    assertThatThrownBy(() -> TouchTimes.stamp("2026", ZONE)).hasMessageContaining("MMDDhhmm");
    assertThatThrownBy(() -> TouchTimes.stamp("202613020304", ZONE))
        .hasMessageContaining("no such date");
  }
}
