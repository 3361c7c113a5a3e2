package io.godfs.application.master;

import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.JoinGrant;
import io.godfs.domain.authority.JoinToken;
import io.godfs.domain.authority.JoinTokenText;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The embedded certificate authority on a master. The CA's keys and the join tokens live in the
 * replicated metadata ({@link AuthorityKeys}, {@link JoinToken}), so whichever master leads can
 * sign; a token is kept only as its hash and used up through a replicated command, so it works once
 * on any master. Certificates are short-lived: nodes renew them by themselves.
 */
final class CertificateAuthorityService implements CertificateAuthorityUseCase {
  /** A name that is safe inside a certificate subject and as a node id or user name. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*");
  private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}");
  private static final int MAX_ALT_NAMES = 16;

  /** Clocks of the nodes may differ a little: a certificate is valid from a bit before now. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final MetadataStore store;
  private final CertificateIssuer issuer;
  private final InstantSource clock;
  private final CertificateAuthoritySettings settings;
  private final Access access;
  private final RandomGenerator random;

  CertificateAuthorityService(
      MetadataStore store,
      CertificateIssuer issuer,
      InstantSource clock,
      CertificateAuthoritySettings settings,
      Access access,
      RandomGenerator random) {
    this.random = random;
    this.store = store;
    this.issuer = issuer;
    this.clock = clock;
    this.settings = settings;
    this.access = access;
  }

  @Override
  public boolean ensureAuthority() {
    if (store.authorityKeys().isPresent()) {
      return true;
    }
    if (!store.leadership().isLeader()) {
      return false;
    }
    Instant now = clock.instant();
    // Made before it is proposed: applying it is deterministic on every master.
    AuthorityKeys made =
        issuer.newAuthority("goDFS cluster CA", now.minus(BACKDATE), settings.authorityLifetime());
    return store.execute(new AuthorityCommand.Install(made, now), MasterSelf.CALLER)
        instanceof Outcome.Ok<AuthorityKeys>;
  }

  @Override
  public boolean installAuthority(AuthorityKeys made) {
    if (store.authorityKeys().isPresent()) {
      return true;
    }
    if (!store.leadership().isLeader()) {
      return false;
    }
    return store.execute(new AuthorityCommand.Install(made, clock.instant()), MasterSelf.CALLER)
        instanceof Outcome.Ok<AuthorityKeys>;
  }

  @Override
  public Optional<byte[]> authorityCertificate() {
    return store.authorityKeys().map(AuthorityKeys::certificate);
  }

  @Override
  public Outcome<NewJoinToken> createJoinToken(
      Caller caller, NodeRole role, Optional<String> name, Duration ttl) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(settings.maxTokenTtl()) > 0) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "a join token lives more than 0s and at most "
              + settings.maxTokenTtl()
              + " (asked: "
              + ttl
              + ")");
    }
    if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
      return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, badName(name.get()));
    }
    Optional<AuthorityKeys> keys = store.authorityKeys();
    if (keys.isEmpty()) {
      return noAuthority();
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String fingerprint = JoinTokenText.sha256Hex(keys.get().certificate());
    JoinTokenText text =
        new JoinTokenText(
            Base64.getUrlEncoder().withoutPadding().encodeToString(secret), fingerprint);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    JoinToken kept = new JoinToken(text.hash(), role, name, expires, Optional.empty());
    return switch (store.execute(new AuthorityCommand.AddJoinToken(kept, now), caller)) {
      case Outcome.Rejected<Long> refused -> Outcome.rejected(refused.error());
      case Outcome.Ok<Long> added ->
          Outcome.ok(new NewJoinToken(text.toString(), expires, fingerprint));
    };
  }

  @Override
  public Outcome<SignedCertificate> join(String token, NodeRole role, byte[] signingRequest) {
    JoinTokenText text;
    try {
      text = JoinTokenText.parse(token);
    } catch (IllegalArgumentException e) {
      return Outcome.rejected(ErrorCode.UNAUTHENTICATED, e.getMessage());
    }
    Optional<AuthorityKeys> keys = store.authorityKeys();
    if (keys.isEmpty()) {
      return noAuthority();
    }
    // Checked before the token is used up: a malformed request does not cost the token.
    Outcome<CertificateIssuer.SigningRequest> read = issuer.read(signingRequest);
    if (!(read instanceof Outcome.Ok<CertificateIssuer.SigningRequest>(var request))) {
      return Outcome.rejected(((Outcome.Rejected<?>) read).error());
    }
    Outcome<List<String>> altNames = altNames(request.altNames());
    if (altNames instanceof Outcome.Rejected<List<String>> bad) {
      return Outcome.rejected(bad.error());
    }
    Instant now = clock.instant();
    Outcome<JoinGrant> used =
        store.execute(new AuthorityCommand.UseJoinToken(text.hash(), role, now), MasterSelf.CALLER);
    if (!(used instanceof Outcome.Ok<JoinGrant>(JoinGrant grant))) {
      return Outcome.rejected(((Outcome.Rejected<?>) used).error());
    }
    Optional<String> name = grant.name().or(request::commonName);
    if (name.isEmpty() || !NAME.matcher(name.get()).matches()) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          name.map(CertificateAuthorityService::badName)
              .orElse(
                  "the join names no one: give the token a --name, or the request a common name"));
    }
    return sign(
        keys.get(), request, role, name.get(), ((Outcome.Ok<List<String>>) altNames).value());
  }

  @Override
  public Outcome<SignedCertificate> renew(byte[] presented, byte[] signingRequest) {
    Optional<AuthorityKeys> keys = store.authorityKeys();
    if (keys.isEmpty()) {
      return noAuthority();
    }
    Outcome<CertificateIssuer.Issued> current =
        issuer.readIssued(keys.get(), presented, clock.instant());
    if (!(current instanceof Outcome.Ok<CertificateIssuer.Issued>(var issued))) {
      return Outcome.rejected(((Outcome.Rejected<?>) current).error());
    }
    Outcome<CertificateIssuer.SigningRequest> read = issuer.read(signingRequest);
    if (!(read instanceof Outcome.Ok<CertificateIssuer.SigningRequest>(var request))) {
      return Outcome.rejected(((Outcome.Rejected<?>) read).error());
    }
    // The same subject and names as the certificate it replaces: a renewal names no one new.
    return sign(keys.get(), request, issued.role(), issued.name(), issued.altNames());
  }

  @Override
  public Outcome<SignedCertificate> issueLocally(
      NodeRole role, String name, List<String> altNames, byte[] signingRequest) {
    Optional<AuthorityKeys> keys = store.authorityKeys();
    if (keys.isEmpty()) {
      return noAuthority();
    }
    if (!NAME.matcher(name).matches()) {
      return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, badName(name));
    }
    Outcome<CertificateIssuer.SigningRequest> read = issuer.read(signingRequest);
    if (!(read instanceof Outcome.Ok<CertificateIssuer.SigningRequest>(var request))) {
      return Outcome.rejected(((Outcome.Rejected<?>) read).error());
    }
    Outcome<List<String>> names = altNames(altNames);
    if (names instanceof Outcome.Rejected<List<String>> bad) {
      return Outcome.rejected(bad.error());
    }
    return sign(keys.get(), request, role, name, altNames);
  }

  private Outcome<SignedCertificate> sign(
      AuthorityKeys keys,
      CertificateIssuer.SigningRequest request,
      NodeRole role,
      String name,
      List<String> altNames) {
    Instant now = clock.instant();
    Duration lifetime = settings.certificateLifetime();
    Instant notAfter = now.plus(lifetime);
    // A short lifetime (tests) is backdated by a tenth of it, so that renewal stays ahead.
    Duration backdate =
        lifetime.dividedBy(10).compareTo(BACKDATE) < 0 ? lifetime.dividedBy(10) : BACKDATE;
    byte[] certificate =
        issuer.issue(
            keys,
            request,
            new CertificateIssuer.Issue(role, name, altNames, now.minus(backdate), notAfter));
    return Outcome.ok(new SignedCertificate(certificate, keys.certificate(), notAfter));
  }

  /** The alternative names a request asks for, when each is a DNS name or an IP address. */
  private static Outcome<List<String>> altNames(List<String> asked) {
    if (asked.size() > MAX_ALT_NAMES) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "the request asks for " + asked.size() + " names (at most " + MAX_ALT_NAMES + ")");
    }
    for (String n : asked) {
      if (!DNS_NAME.matcher(n).matches() && !IP_ADDRESS.matcher(n).matches()) {
        return Outcome.rejected(
            ErrorCode.INVALID_ARGUMENT,
            "the request asks for a name that is neither a host name nor an IP address");
      }
    }
    return Outcome.ok(asked);
  }

  private static String badName(String name) {
    return "'"
        + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
        + "' cannot name a node or user in a certificate (letters, digits, '.', '_', '@', '-';"
        + " at most 128)";
  }

  private static <T> Outcome<T> noAuthority() {
    return Outcome.rejected(
        ErrorCode.CONFLICT,
        "the cluster has no certificate authority yet (start the masters with"
            + " GODFS_CA_ENABLED=1)");
  }
}
