package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.metadataratis.LinearizabilityChecker.Kind;
import io.godfs.adapters.metadataratis.LinearizabilityChecker.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker itself: it must reject what is not linearizable, or the history test proves nothing.
 */
class LinearizabilityCheckerTest {
  private static Op ok(Kind kind, long from, long to, long id) {
    return new Op(kind, from, to, true, true, id);
  }

  private static Op refused(Kind kind, long from, long to) {
    return new Op(kind, from, to, true, false, 0);
  }

  @Test
  void sequentialHistoriesFollowTheModel() {
    assertThat(
            LinearizabilityChecker.check(
                List.of(
                    ok(Kind.CREATE, 0, 1, 7),
                    ok(Kind.STAT, 2, 3, 7),
                    refused(Kind.CREATE, 4, 5),
                    ok(Kind.DELETE, 6, 7, 0),
                    refused(Kind.STAT, 8, 9))))
        .isNull();
  }

  @Test
  void aStaleReadAfterAnAcknowledgedDeleteIsCaught() {
    assertThat(
            LinearizabilityChecker.check(
                List.of(
                    ok(Kind.CREATE, 0, 1, 7), ok(Kind.DELETE, 2, 3, 0), ok(Kind.STAT, 4, 5, 7))))
        .isNotNull();
  }

  @Test
  void aDoubleCreateIsCaught() {
    assertThat(
            LinearizabilityChecker.check(
                List.of(ok(Kind.CREATE, 0, 1, 7), ok(Kind.CREATE, 2, 3, 8))))
        .isNotNull();
  }

  @Test
  void overlappingOperationsMayTakeEitherOrder() {
    // The stat overlaps the create: it may see the path absent or present.
    assertThat(
            LinearizabilityChecker.check(
                List.of(
                    ok(Kind.CREATE, 0, 10, 7), refused(Kind.STAT, 1, 2), ok(Kind.STAT, 3, 4, 7))))
        .isNull();
    // But once it saw the file, a later stat cannot miss it.
    assertThat(
            LinearizabilityChecker.check(
                List.of(
                    ok(Kind.CREATE, 0, 10, 7), ok(Kind.STAT, 1, 2, 7), refused(Kind.STAT, 3, 4))))
        .isNotNull();
  }

  @Test
  void anUnansweredCreateMayOrMayNotHaveHappened() {
    Op unknown = new Op(Kind.CREATE, 0, Long.MAX_VALUE, false, false, 0);
    assertThat(LinearizabilityChecker.check(List.of(unknown, refused(Kind.STAT, 1, 2)))).isNull();
    assertThat(LinearizabilityChecker.check(List.of(unknown, ok(Kind.STAT, 1, 2, 9)))).isNull();
  }

  @Test
  void anUnansweredDeleteMayHaveHappenedButNotBeforeItWasCalled() {
    Op unknown = new Op(Kind.DELETE, 4, Long.MAX_VALUE, false, false, 0);
    assertThat(
            LinearizabilityChecker.check(
                List.of(ok(Kind.CREATE, 0, 1, 7), unknown, refused(Kind.STAT, 5, 6))))
        .isNull();
    assertThat(
            LinearizabilityChecker.check(
                List.of(ok(Kind.CREATE, 0, 1, 7), unknown, ok(Kind.STAT, 5, 6, 7))))
        .isNull();
    // A stat that returned before the delete was called cannot miss the file.
    assertThat(
            LinearizabilityChecker.check(
                List.of(ok(Kind.CREATE, 0, 1, 7), refused(Kind.STAT, 2, 3), unknown)))
        .isNotNull();
  }
}
