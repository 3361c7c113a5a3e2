package io.godfs.adapters.identity.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.master.CertificateAuthoritySettings;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.in.CertificateAuthorityUseCase.NewJoinToken;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded CA's use cases with Bouncy Castle's certificates: what a join and a renewal sign,
 * and what they refuse.
 */
class CertificateAuthorityTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
  static final Caller ADMIN =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");
  static final Caller ALICE = Caller.of(Principal.user("alice", Set.of(), Set.of()), "test");

  final MutableClock clock = new MutableClock();
  CertificateAuthorityUseCase ca;

  /** The authority's state alone, applied as every metadata store applies it. */
  static final class AuthorityOnlyStore implements MetadataStore {
    final AuthorityState state = AuthorityState.empty();

    @Override
    public synchronized <R> Outcome<R> execute(AuthorityCommand<R> command, Caller caller) {
      return command.applyTo(state);
    }

    @Override
    public synchronized Optional<AuthorityKeys> authorityKeys() {
      return state.keys();
    }

    @Override
    public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <R> Outcome<R> query(NamespaceQuery<R> query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  static final class MutableClock implements InstantSource {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void authority() {
    ca =
        MasterServices.certificateAuthority(
            new AuthorityOnlyStore(),
            new BouncyCastleIssuer(),
            clock,
            CertificateAuthoritySettings.DEFAULTS,
            AccessPolicy.fixed(AccessRules.of(List.of())),
            new SecureRandom());
    assertThat(ca.ensureAuthority()).isTrue();
  }

  String token(NodeRole role, Optional<String> name, Duration ttl) {
    return ((Outcome.Ok<NewJoinToken>) ca.createJoinToken(ADMIN, role, name, ttl)).value().token();
  }

  static byte[] csr(KeyPair keys, String cn, List<String> names) {
    return SigningRequests.build(keys, Optional.of(cn), names);
  }

  static X509Certificate x509(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static List<Object> names(X509Certificate cert) throws Exception {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    return sans.stream().<Object>map(l -> l.get(1)).toList();
  }

  static DfsError refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error();
  }

  @Test
  void aCaMadeBeforeRaftIsInstalledOnceAndTheFirstInstalledStays() {
    CertificateAuthorityUseCase fresh =
        MasterServices.certificateAuthority(
            new AuthorityOnlyStore(),
            new BouncyCastleIssuer(),
            clock,
            CertificateAuthoritySettings.DEFAULTS,
            AccessPolicy.fixed(AccessRules.of(List.of())),
            new SecureRandom());
    AuthorityKeys made = new BouncyCastleIssuer().newAuthority("pre-raft", T0, Duration.ofDays(1));
    AuthorityKeys other = new BouncyCastleIssuer().newAuthority("late", T0, Duration.ofDays(1));

    assertThat(fresh.installAuthority(made)).isTrue();
    assertThat(fresh.installAuthority(other)).isTrue();

    assertThat(fresh.authorityCertificate().orElseThrow()).isEqualTo(made.certificate());
    // The masters' Raft certificates were signed by the installed CA: so are the nodes' now.
    assertThat(fresh.ensureAuthority()).isTrue();
    assertThat(fresh.authorityCertificate().orElseThrow()).isEqualTo(made.certificate());
  }

  @Test
  void aJoinSignsTheSubjectTheRoleDictatesWithTheNodesNamesForTheConfiguredLifetime()
      throws Exception {
    String token = token(NodeRole.CHUNKSERVER, Optional.of("cs-7"), Duration.ofHours(1));
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    // The request asks for another name: the token's pinned one wins.
    Outcome<SignedCertificate> joined =
        ca.join(
            token,
            NodeRole.CHUNKSERVER,
            csr(keys, "someone", List.of("node7.example", "10.0.0.7")));
    SignedCertificate signed = ((Outcome.Ok<SignedCertificate>) joined).value();
    X509Certificate cert = x509(signed.certificate());
    X509Certificate root = x509(signed.authority());

    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=cs-7,OU=chunkserver,O=goDFS");
    assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
    cert.verify(root.getPublicKey());
    assertThat(names(cert)).containsExactly("node7.example", "10.0.0.7");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(signed.notAfter()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(cert.getNotBefore().toInstant()).isBefore(T0);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getExtendedKeyUsage())
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void aTokenWorksOnceExpiresAndAdmitsOneRole() {
    String token = token(NodeRole.CLIENT, Optional.empty(), Duration.ofMinutes(10));
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    assertThat(refusal(ca.join(token, NodeRole.MASTER, csr(keys, "m9", List.of()))).message())
        .isEqualTo("join token admits a client, not a master");
    assertThat(ca.join(token, NodeRole.CLIENT, csr(keys, "alice", List.of())))
        .isInstanceOf(Outcome.Ok.class);
    DfsError reused = refusal(ca.join(token, NodeRole.CLIENT, csr(keys, "alice", List.of())));
    assertThat(reused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(reused.message()).startsWith("join token already used at");

    String late = token(NodeRole.CLIENT, Optional.empty(), Duration.ofMinutes(10));
    clock.now = T0.plus(Duration.ofMinutes(11));
    DfsError expired = refusal(ca.join(late, NodeRole.CLIENT, csr(keys, "bob", List.of())));
    assertThat(expired.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(expired.message())
        .isEqualTo("join token expired at " + T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aTamperedTokenOrRequestIsRefusedWithoutUsingTheToken() {
    String token = token(NodeRole.CHUNKSERVER, Optional.of("cs-1"), Duration.ofHours(1));
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
    DfsError unknown = refusal(ca.join(tampered, NodeRole.CHUNKSERVER, csr(keys, "x", List.of())));
    assertThat(unknown.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(unknown.message()).startsWith("unknown join token").doesNotContain(token);

    byte[] request = csr(keys, "x", List.of());
    request[request.length - 5] ^= 1; // the signature no longer verifies
    assertThat(refusal(ca.join(token, NodeRole.CHUNKSERVER, request)).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(ca.join(token, NodeRole.CHUNKSERVER, csr(keys, "x", List.of())))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void onlyAnAdminMakesTokensAndTheirLifeIsBounded() {
    assertThat(
            refusal(
                    ca.createJoinToken(
                        ALICE, NodeRole.MASTER, Optional.empty(), Duration.ofHours(1)))
                .code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(
            refusal(
                    ca.createJoinToken(
                        ADMIN, NodeRole.MASTER, Optional.empty(), Duration.ofDays(8)))
                .code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            refusal(
                    ca.createJoinToken(
                        ADMIN, NodeRole.MASTER, Optional.of("m1,OU=x"), Duration.ofHours(1)))
                .code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aRenewalKeepsTheSubjectAndNamesForANewKeyAndRefusesAnotherCasCertificate() throws Exception {
    String token = token(NodeRole.MASTER, Optional.of("m2"), Duration.ofHours(1));
    KeyPair first = BouncyCastleIssuer.newKeyPair();
    SignedCertificate joined =
        ((Outcome.Ok<SignedCertificate>)
                ca.join(token, NodeRole.MASTER, csr(first, "m2", List.of("m2.example"))))
            .value();
    clock.now = T0.plus(Duration.ofHours(16));
    KeyPair second = BouncyCastleIssuer.newKeyPair();
    SignedCertificate renewed =
        ((Outcome.Ok<SignedCertificate>)
                ca.renew(joined.certificate(), csr(second, "admin", List.of("evil.example"))))
            .value();
    X509Certificate cert = x509(renewed.certificate());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=m2,OU=master,O=goDFS");
    assertThat(names(cert)).containsExactly("m2.example");
    assertThat(cert.getPublicKey()).isEqualTo(second.getPublic());
    assertThat(renewed.notAfter()).isEqualTo(clock.now.plus(Duration.ofHours(24)));

    clock.now = T0.plus(Duration.ofDays(3)); // the first certificate expired
    assertThat(refusal(ca.renew(joined.certificate(), csr(second, "m2", List.of()))).message())
        .startsWith("the certificate presented is not valid now");

    BouncyCastleIssuer issuer = new BouncyCastleIssuer();
    AuthorityKeys foreign = issuer.newAuthority("other", T0, Duration.ofDays(30));
    byte[] impostor =
        issuer.issue(
            foreign,
            ((Outcome.Ok<CertificateIssuer.SigningRequest>)
                    issuer.read(csr(second, "m2", List.of())))
                .value(),
            new CertificateIssuer.Issue(
                NodeRole.MASTER, "m2", List.of(), T0, T0.plus(Duration.ofDays(30))));
    assertThat(refusal(ca.renew(impostor, csr(second, "m2", List.of()))).message())
        .isEqualTo(
            "the certificate presented was not issued by this cluster's certificate authority");
  }
}
