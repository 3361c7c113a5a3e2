package io.godfs.adapters.metadataratis;

import java.util.Objects;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS 1.3 between the masters' Raft servers: each presents the certificate of {@code keys}
 * (as a server to the peers that call it, and as a client when it calls them) and accepts only
 * peers whose certificate {@code trust} verifies. The managers are asked at each handshake, so
 * managers that read their files again when they change (the gRPC adapter's, handed over by the
 * wiring) rotate certificates without a restart. JDK types, so that this adapter needs no other.
 */
public record RatisTls(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
  public RatisTls {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(trust, "trust");
  }
}
