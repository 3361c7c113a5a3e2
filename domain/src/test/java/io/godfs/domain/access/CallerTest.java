package io.godfs.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {
  private static final Principal ALICE = Principal.user("alice", Set.of(), Set.of(Role.WRITE));

  @Test
  void eachMutationOfARequestIsTaggedWithItsPositionSoARetryReproducesTheTags() {
    Caller first = Caller.serving(ALICE, "127.0.0.1:5000", "client-1:7");
    Caller retry = Caller.serving(ALICE, "127.0.0.1:5001", "client-1:7");
    assertThat(first.nextMutation()).contains(new Caller.RequestTag("client-1:7", 0));
    assertThat(first.nextMutation()).contains(new Caller.RequestTag("client-1:7", 1));
    assertThat(retry.nextMutation()).contains(new Caller.RequestTag("client-1:7", 0));
  }

  @Test
  void aCallThatNamesNoRequestTagsNothing() {
    Caller caller = Caller.of(ALICE, "127.0.0.1:5000");
    assertThat(caller.nextMutation()).isEmpty();
    assertThat(caller.requestId()).isEmpty();
    assertThat(Caller.master("m1").principal()).isEqualTo(new Principal.Master("m1"));
    assertThat(Caller.master("m1").nextMutation()).isEmpty();
  }

  @Test
  void aBadRequestIdIsRefusedNamingWhatIsWrong() {
    assertThat(Caller.problemWith("x".repeat(65)))
        .isEqualTo("request id : 65 characters (expected: at most 64)");
    assertThat(Caller.problemWith("a b")).contains("spaces or control characters");
    assertThat(Caller.problemWith("é")).contains("printable ASCII");
    assertThat(Caller.problemWith("client-1:7")).isNull();
    assertThatThrownBy(() -> Caller.serving(ALICE, "here", ""))
        .hasMessageContaining("request id : empty");
  }

  @Test
  void itsTextNamesWhoAndFromWhereAndNeverACredential() {
    assertThat(Caller.serving(ALICE, "10.0.0.5:4411", "r-1"))
        .hasToString("alice@10.0.0.5:4411 request r-1");
  }
}
