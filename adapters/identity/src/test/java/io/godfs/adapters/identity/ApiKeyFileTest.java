package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.file.PosixIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Principal.User ALICE =
      Principal.user("alice", Set.of("eng"), Set.of(Role.WRITE));

  @TempDir Path dir;

  /** The file, looked at on every call: what a second's wait shows in production. */
  private static ApiKeyFile watching(Path file) {
    return ApiKeyFile.open(file, Duration.ZERO);
  }

  @Test
  void aCreatedKeyNamesItsUserAndOnlyItsHashIsStored() throws Exception {
    Path file = dir.resolve("conf/keys");
    String key = ApiKeyFile.addKey(file, ALICE, RANDOM);

    assertThat(key).startsWith("godfs_").hasSizeGreaterThan(40);
    assertThat(Files.readString(file)).doesNotContain(key).contains("alice sha256:");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    ApiKeyFile keys = ApiKeyFile.open(file);
    assertThat(keys.verify(key)).isEqualTo(new Verdict.Accepted(ALICE));
  }

  @Test
  void aKeyMayMapItsUserToAPosixIdentity() throws Exception {
    Path file = dir.resolve("keys");
    Principal.User mapped = ALICE.withPosix(new PosixIdentity(1000, 100, Set.of(27, 4)));
    String key = ApiKeyFile.addKey(file, mapped, RANDOM);
    assertThat(Files.readString(file)).contains(" uid=1000 gid=100 gids=4,27");
    assertThat(ApiKeyFile.open(file).verify(key)).isEqualTo(new Verdict.Accepted(mapped));
    String hash = "sha256:" + "a".repeat(64);
    assertThatThrownBy(() -> ApiKeyEntry.parse("bob " + hash + " uid=7"))
        .hasMessageContaining("without gid=");
    assertThatThrownBy(() -> ApiKeyEntry.parse("bob " + hash + " gid=7"))
        .hasMessageContaining("without uid=");
    assertThatThrownBy(() -> ApiKeyEntry.parse("bob " + hash + " uid=-1 gid=7"))
        .hasMessageContaining("not a numeric id");
  }

  @Test
  void anUnknownKeyOfOursIsRefusedAndAnyOtherBearerIsLeftToOtherVerifiers() {
    Path file = dir.resolve("keys");
    ApiKeyFile.addKey(file, ALICE, RANDOM);
    ApiKeyFile keys = ApiKeyFile.open(file);

    assertThat(keys.verify(ApiKey.generate(RANDOM)))
        .isEqualTo(
            new Verdict.Refused("unknown API key (revoked, mistyped, or from another cluster)"));
    assertThat(keys.verify("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEqualTo(new Verdict.NotMine());
  }

  @Test
  void keysAddedOrRevokedTakeEffectWithoutARestart() throws Exception {
    Path file = dir.resolve("keys");
    String first = ApiKeyFile.addKey(file, ALICE, RANDOM);
    ApiKeyFile keys = watching(file);
    assertThat(keys.size()).isEqualTo(1);

    String second =
        ApiKeyFile.addKey(file, Principal.user("bob", Set.of(), Set.of(Role.READ)), RANDOM);
    assertThat(keys.verify(second)).isInstanceOf(Verdict.Accepted.class);

    List<String> withoutAlice =
        Files.readAllLines(file).stream().filter(l -> !l.startsWith("alice ")).toList();
    Files.write(file, withoutAlice);
    assertThat(keys.verify(first)).isInstanceOf(Verdict.Refused.class);
    assertThat(keys.verify(second)).isInstanceOf(Verdict.Accepted.class);
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void aBrokenEditKeepsTheKeysReadBefore() throws Exception {
    Path file = dir.resolve("keys");
    String key = ApiKeyFile.addKey(file, ALICE, RANDOM);
    ApiKeyFile keys = watching(file);

    Files.writeString(file, "alice not-a-hash\n", StandardOpenOption.APPEND);
    String later = ApiKeyFile.addKey(file, Principal.user("carol", Set.of(), Set.of()), RANDOM);
    // The file no longer parses: the keys read before stay, the new one is not taken.
    assertThat(keys.verify(key)).isInstanceOf(Verdict.Accepted.class);
    assertThat(keys.verify(later)).isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void aWrongFileStopsTheStartNamingTheLineAndTheProblem() throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(
        file, "# comment\n\nalice sha256:" + "0".repeat(64) + " roles=write\nbob plaintext-key\n");
    assertThatThrownBy(() -> ApiKeyFile.open(file))
        .hasMessage(
            "API keys file "
                + file
                + " line 4: the key of bob is not 'sha256:' and 64 lower-case hex digits (the file"
                + " stores a key's hash, never the key: godfs admin key create writes it)");
    Files.writeString(file, "alice sha256:" + "0".repeat(64) + " roles=root\n");
    assertThatThrownBy(() -> ApiKeyFile.open(file))
        .hasMessageContaining("line 1: role 'root' is unknown (expected: read, write or admin)");
    Files.writeString(file, "alice sha256:" + "0".repeat(64) + " colour=blue\n");
    assertThatThrownBy(() -> ApiKeyFile.open(file))
        .hasMessageContaining("line 1: unknown field 'colour=blue'");
    assertThatThrownBy(() -> ApiKeyFile.open(dir.resolve("missing")))
        .hasMessageContaining("cannot read the API keys file " + dir.resolve("missing"));
  }
}
