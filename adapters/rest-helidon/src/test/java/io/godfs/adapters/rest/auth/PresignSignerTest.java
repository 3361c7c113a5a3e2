package io.godfs.adapters.rest.auth;

import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.BAD_SIGNATURE;
import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.EXPIRED;
import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.LENGTH_MISMATCH;
import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.MALFORMED;
import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.UNKNOWN_KEY;
import static io.godfs.adapters.rest.auth.PresignSigner.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.file.DfsPath;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresignSignerTest {
  static final byte[] OLD = "old-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  static final byte[] NEW = "new-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final DfsPath P = DfsPath.of("/d/f.bin");

  static PresignSigner signer(String kid, Instant now) {
    return new PresignSigner(kid, Map.of("k1", OLD, "k2", NEW), Clock.fixed(now, ZoneOffset.UTC));
  }

  static String param(String query, String name) {
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) {
        return kv.substring(name.length() + 1);
      }
    }
    return null;
  }

  static PresignSigner.Verdict verify(PresignSigner s, String method, DfsPath p, String q, long len) {
    return s.verify(method, p, param(q, "godfs_exp"), param(q, "godfs_kid"), param(q, "godfs_sig"),
        param(q, "godfs_len"), len);
  }

  @Test
  void aSignedGetIsValidUntilItExpires() {
    String q = signer("k2", T0).sign("GET", P, Duration.ofSeconds(60), null).query();
    assertThat(q).startsWith("path=%2Fd%2Ff.bin&godfs_exp=" + (T0.getEpochSecond() + 60) + "&godfs_kid=k2&godfs_sig=");
    assertThat(verify(signer("k2", T0.plusSeconds(59)), "GET", P, q, -1)).isEqualTo(VALID);
    assertThat(verify(signer("k2", T0.plusSeconds(60)), "GET", P, q, -1)).isEqualTo(EXPIRED);
  }

  @Test
  void tamperingWithMethodPathExpiryOrSignatureIsRefused() {
    String q = signer("k2", T0).sign("GET", P, Duration.ofSeconds(60), null).query();
    PresignSigner s = signer("k2", T0);
    assertThat(verify(s, "PUT", P, q, 0)).isEqualTo(BAD_SIGNATURE);
    assertThat(verify(s, "GET", DfsPath.of("/d/other"), q, -1)).isEqualTo(BAD_SIGNATURE);
    assertThat(verify(s, "GET", P, q.replace("godfs_exp=" + (T0.getEpochSecond() + 60), "godfs_exp=" + (T0.getEpochSecond()
        + 9999)), -1)).isEqualTo(BAD_SIGNATURE);
    assertThat(verify(s, "GET", P, q.replace("godfs_kid=k2", "godfs_kid=k9"), -1)).isEqualTo(UNKNOWN_KEY);
    assertThat(verify(s, "GET", P, q.replace("godfs_sig=", "godfs_sig=x"), -1)).isEqualTo(MALFORMED);
    assertThat(s.verify("GET", P, null, "k2", "0".repeat(64), null, -1)).isEqualTo(MALFORMED);
  }

  @Test
  void aPutIsBoundToItsExactLength() {
    String q = signer("k2", T0).sign("PUT", P, Duration.ofSeconds(60), 5L).query();
    assertThat(q).contains("&godfs_len=5&");
    assertThat(verify(signer("k2", T0), "PUT", P, q, 5)).isEqualTo(VALID);
    assertThat(verify(signer("k2", T0), "PUT", P, q, 6)).isEqualTo(LENGTH_MISMATCH);
    assertThat(verify(signer("k2", T0), "PUT", P, q, -1)).isEqualTo(LENGTH_MISMATCH);
    assertThat(verify(signer("k2", T0), "PUT", P, q.replace("godfs_len=5", "godfs_len=6"), 6)).isEqualTo(BAD_SIGNATURE);
  }

  @Test
  void rotationKeepsOldUrlsValidWhileNewOnesUseTheNewKey() {
    String old = signer("k1", T0).sign("GET", P, Duration.ofSeconds(60), null).query();
    assertThat(verify(signer("k2", T0), "GET", P, old, -1)).isEqualTo(VALID);
    PresignSigner withoutOld = new PresignSigner("k2", Map.of("k2", NEW), Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(verify(withoutOld, "GET", P, old, -1)).isEqualTo(UNKNOWN_KEY);
    assertThatThrownBy(() -> new PresignSigner("k1", Map.of("k1", "short".getBytes(StandardCharsets.UTF_8)),
        Clock.systemUTC())).hasMessageContaining(">= 16");
  }
}
