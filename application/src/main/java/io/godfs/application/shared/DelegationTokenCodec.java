package io.godfs.application.shared;

import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.PosixIdentity;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of a delegation token and its HMAC-SHA256 (ADR 0022): {@value #PREFIX} then the
 * base64url (unpadded) of, big-endian: format (1 byte, 1), key id (8), operation (1: 0 read, 1
 * write), content length (8, -1 for read), expiry (epoch ms, 8), the path, the issuer's name (each
 * 2-byte length and UTF-8), its groups (1-byte count, each as the path), its roles (1 byte, a bit
 * per {@link Role} ordinal), then, in format 2 only, the issuer's POSIX identity (ADR 0029: uid and
 * gid, 4 bytes each, a 2-byte count of supplementary gids and 4 bytes for each), then the MAC (32
 * bytes). A token of an issuer without an identity stays format 1, so masters that read only format
 * 1 keep reading it, and they refuse a format 2 token rather than drop its identity. The MAC is
 * over {@value #MAC_CONTEXT} and then all that, so no other goDFS MAC (a chunk access token's) can
 * ever be one of these, whatever key signed it. The claims are readable by whoever holds the token
 * (the gateway reads the length of a PUT from it); only the MAC is secret-bound.
 */
public final class DelegationTokenCodec {
  /** What a bearer starts with when it is a delegation token. */
  public static final String PREFIX = "godfs-dt1.";

  static final String MAC_CONTEXT = "godfs delegation token v1\0";
  private static final int FORMAT = 1;

  /** The format of a token whose issuer has a POSIX identity (ADR 0029). */
  private static final int FORMAT_WITH_POSIX = 2;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final int MAX_GROUPS = 255;

  private DelegationTokenCodec() {}

  /** Whether {@code bearer} looks like a delegation token (not whether it is a valid one). */
  public static boolean isOne(String bearer) {
    return bearer.startsWith(PREFIX);
  }

  /** The token of {@code claims}, signed with {@code key} (whose id it must name). */
  public static String sign(DelegationToken claims, ChunkAccessKey key) {
    if (claims.keyId() != key.id()) {
      throw new IllegalArgumentException(
          "claims name key " + claims.keyId() + " (expected: the signing key " + key.id() + ")");
    }
    Principal.User issuer = claims.issuer();
    if (issuer.groups().size() > MAX_GROUPS) {
      throw new IllegalArgumentException(
          issuer.groups().size() + " groups (expected: at most " + MAX_GROUPS + ")");
    }
    Delegation d = claims.delegation();
    List<byte[]> strings = new ArrayList<>();
    strings.add(utf8(d.path().value()));
    strings.add(utf8(issuer.name()));
    issuer.groups().stream().sorted().forEach(g -> strings.add(utf8(g)));
    int size = 1 + 8 + 1 + 8 + 8 + 1 + 1 + MAC_BYTES;
    for (byte[] s : strings) {
      size += 2 + s.length;
    }
    Optional<PosixIdentity> posix = issuer.posix();
    if (posix.isPresent()) {
      size += 4 + 4 + 2 + 4 * posix.get().groups().size();
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) (posix.isPresent() ? FORMAT_WITH_POSIX : FORMAT))
        .putLong(claims.keyId())
        .put((byte) d.operation().ordinal())
        .putLong(d.contentLength())
        .putLong(d.expires().toEpochMilli());
    putString(b, strings.get(0));
    putString(b, strings.get(1));
    b.put((byte) (strings.size() - 2));
    for (byte[] g : strings.subList(2, strings.size())) {
      putString(b, g);
    }
    int roles = 0;
    for (Role r : issuer.roles()) {
      roles |= 1 << r.ordinal();
    }
    b.put((byte) roles);
    posix.ifPresent(
        p -> {
          b.putInt(p.uid()).putInt(p.gid()).putShort((short) p.groups().size());
          p.groups().stream().sorted().forEach(b::putInt);
        });
    byte[] out = b.array();
    System.arraycopy(mac(key, out, out.length - MAC_BYTES), 0, out, out.length - MAC_BYTES, 32);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * The claims of {@code token} without checking its MAC: what a front end may read from a token it
   * passes on (the master checks it); empty when it is not a well-formed token.
   */
  public static Optional<DelegationToken> read(String token) {
    try {
      return Optional.of(parse(bytes(token)));
    } catch (IllegalArgumentException | BufferUnderflowException | DfsException e) {
      return Optional.empty();
    }
  }

  /**
   * The claims of {@code token} once its MAC verifies under the key it names, looked up in {@code
   * keys}, and only while it has not expired at {@code now}; UNAUTHENTICATED saying which of
   * malformed, unknown key, tampered or expired it is (never its bytes).
   */
  public static Outcome<DelegationToken> verify(
      String token, LongFunction<Optional<ChunkAccessKey>> keys, Instant now) {
    byte[] bytes;
    DelegationToken claims;
    try {
      bytes = bytes(token);
      claims = parse(bytes);
    } catch (IllegalArgumentException | BufferUnderflowException | DfsException e) {
      return refused("malformed delegation token");
    }
    Optional<ChunkAccessKey> key = keys.apply(claims.keyId());
    if (key.isEmpty()) {
      return refused(
          "delegation token signed with key "
              + claims.keyId()
              + ", which the masters do not hold (unknown, or expired and dropped)");
    }
    byte[] expected = mac(key.get(), bytes, bytes.length - MAC_BYTES);
    byte[] actual = new byte[MAC_BYTES];
    System.arraycopy(bytes, bytes.length - MAC_BYTES, actual, 0, MAC_BYTES);
    if (!MessageDigest.isEqual(expected, actual)) {
      return refused(
          "delegation token signature does not verify (tampered with, or not issued here)");
    }
    if (!now.isBefore(claims.delegation().expires())) {
      return refused("delegation token expired at " + claims.delegation().expires());
    }
    return Outcome.ok(claims);
  }

  private static <T> Outcome<T> refused(String reason) {
    return Outcome.rejected(ErrorCode.UNAUTHENTICATED, reason);
  }

  private static byte[] bytes(String token) {
    if (!isOne(token)) {
      throw new IllegalArgumentException("not a delegation token");
    }
    return Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
  }

  private static DelegationToken parse(byte[] bytes) {
    if (bytes.length < 1 + 8 + 1 + 8 + 8 + MAC_BYTES) {
      throw new IllegalArgumentException("short token");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - MAC_BYTES);
    int format = b.get();
    if (format != FORMAT && format != FORMAT_WITH_POSIX) {
      throw new IllegalArgumentException("token format");
    }
    long keyId = b.getLong();
    int op = b.get();
    if (op < 0 || op >= Delegation.Operation.values().length) {
      throw new IllegalArgumentException("operation");
    }
    long length = b.getLong();
    Instant expires = Instant.ofEpochMilli(b.getLong());
    DfsPath path = DfsPath.of(getString(b));
    String name = getString(b);
    int groupCount = b.get() & 0xff;
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      groups.add(getString(b));
    }
    int roleBits = b.get() & 0xff;
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Role r : Role.values()) {
      if ((roleBits & (1 << r.ordinal())) != 0) {
        roles.add(r);
      }
    }
    Principal.User issuer = Principal.user(name, Set.copyOf(groups), roles);
    if (format == FORMAT_WITH_POSIX) {
      int uid = b.getInt();
      int gid = b.getInt();
      int count = b.getShort() & 0xffff;
      Set<Integer> gids = new HashSet<>();
      for (int i = 0; i < count; i++) {
        gids.add(b.getInt());
      }
      issuer = issuer.withPosix(new PosixIdentity(uid, gid, gids));
    }
    if (b.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes");
    }
    return new DelegationToken(
        keyId, issuer, new Delegation(path, Delegation.Operation.values()[op], length, expires));
  }

  private static byte[] utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xffff) {
      throw new IllegalArgumentException("a claim of " + b.length + " bytes (expected: < 64 KiB)");
    }
    return b;
  }

  private static void putString(ByteBuffer b, byte[] s) {
    b.putShort((short) s.length).put(s);
  }

  private static String getString(ByteBuffer b) {
    int length = b.getShort() & 0xffff;
    byte[] s = new byte[length];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static byte[] mac(ChunkAccessKey key, byte[] bytes, int length) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
      mac.update(MAC_CONTEXT.getBytes(StandardCharsets.US_ASCII));
      mac.update(bytes, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
