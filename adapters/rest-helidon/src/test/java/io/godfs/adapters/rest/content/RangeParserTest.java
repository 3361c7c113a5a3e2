package io.godfs.adapters.rest.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeParserTest {
  static List<ByteRange> partial(String header, long size) {
    RangeRequest r = RangeParser.parse(header, size);
    assertThat(r).as(header).isInstanceOf(RangeRequest.Partial.class);
    return ((RangeRequest.Partial) r).ranges();
  }

  @Test
  void singleSuffixOpenEndedAndMultipleRanges() {
    assertThat(partial("bytes=0-99", 1000)).containsExactly(new ByteRange(0, 99));
    assertThat(partial("bytes=900-", 1000)).containsExactly(new ByteRange(900, 999));
    assertThat(partial("bytes=-100", 1000)).containsExactly(new ByteRange(900, 999));
    assertThat(partial("bytes=-5000", 1000)).containsExactly(new ByteRange(0, 999));
    assertThat(partial("bytes=990-5000", 1000)).containsExactly(new ByteRange(990, 999));
    assertThat(partial("Bytes = 0-0 , 5-9,-1", 1000))
        .containsExactly(new ByteRange(0, 0), new ByteRange(5, 9), new ByteRange(999, 999));
    assertThat(partial("bytes=0-9,2000-3000", 1000)).containsExactly(new ByteRange(0, 9));
  }

  @Test
  void noHeaderOrAnotherUnitIsTheWholeFile() {
    assertThat(RangeParser.parse(null, 10)).isInstanceOf(RangeRequest.Whole.class);
    assertThat(RangeParser.parse(" ", 10)).isInstanceOf(RangeRequest.Whole.class);
    assertThat(RangeParser.parse("items=0-1", 10)).isInstanceOf(RangeRequest.Whole.class);
  }

  @Test
  void malformedOrUnsatisfiableRangesAre416() {
    for (String bad :
        List.of(
            "bytes=1000-",
            "bytes=abc",
            "bytes=5-1",
            "bytes=-0",
            "bytes",
            "bytes=",
            "bytes=1-2-3",
            "bytes=+1-2",
            "bytes=99999999999999999999-",
            "bytes=" + "0-1,".repeat(16) + "0-1")) {
      assertThat(RangeParser.parse(bad, 1000))
          .as(bad)
          .isInstanceOf(RangeRequest.Unsatisfiable.class);
    }
    assertThat(RangeParser.parse("bytes=-1", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    assertThat(RangeParser.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
  }

  @Test
  void overlappingAndAdjacentRangesAreCoalescedInFileOrder() {
    assertThat(partial("bytes=0-9,5-19,20-29", 1000)).containsExactly(new ByteRange(0, 29));
    assertThat(partial("bytes=500-599,0-9,10-19", 1000))
        .containsExactly(new ByteRange(0, 19), new ByteRange(500, 599));
    assertThat(partial("bytes=-10,0-0", 1000))
        .containsExactly(new ByteRange(0, 0), new ByteRange(990, 999));
    assertThat(partial("bytes=0-499,400-899", 1000)).containsExactly(new ByteRange(0, 899));
  }

  @Test
  void rangesThatTogetherAskForMoreThanTheFileGetTheWholeFile() {
    assertThat(RangeParser.parse("bytes=" + "0-,".repeat(15) + "0-", 1 << 20))
        .isInstanceOf(RangeRequest.Whole.class);
    assertThat(RangeParser.parse("bytes=0-599,400-999", 1000))
        .isInstanceOf(RangeRequest.Whole.class);
    assertThat(RangeParser.parse("bytes=0-,0-", 1000)).isInstanceOf(RangeRequest.Whole.class);
  }
}
