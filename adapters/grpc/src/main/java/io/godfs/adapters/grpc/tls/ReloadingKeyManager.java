package io.godfs.adapters.grpc.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the certificate and key of the files as last read: each handshake asks for them anew, so
 * a rotated certificate is used by the next connection. The alias names the reading, so a handshake
 * that chose one reading gets its chain and key from that same reading even when a new one arrives
 * in between.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "godfs-";
  private final WatchedFiles<Identity> files;

  /** The reading handed out last and the one before it: a handshake in flight may hold either. */
  private WatchedFiles.Reading<Identity> last;

  private WatchedFiles.Reading<Identity> before;

  ReloadingKeyManager(WatchedFiles<Identity> files) {
    this.files = files;
    this.last = files.current();
    this.before = last;
  }

  /** The alias of the current reading when its key fits one of {@code keyTypes}, else null. */
  private String choose(String... keyTypes) {
    WatchedFiles.Reading<Identity> reading = files.current();
    synchronized (this) {
      if (reading.generation() != last.generation()) {
        before = last;
        last = reading;
      }
    }
    String algorithm = reading.value().key().getAlgorithm();
    boolean fits =
        keyTypes != null
            && Arrays.stream(keyTypes)
                .anyMatch(
                    t ->
                        t != null
                            && (t.equalsIgnoreCase(algorithm)
                                || t.startsWith(algorithm + "_")
                                || (t.equals("EdDSA") && algorithm.startsWith("Ed"))));
    return fits ? ALIAS + reading.generation() : null;
  }

  private synchronized Identity byAlias(String alias) {
    for (WatchedFiles.Reading<Identity> r : List.of(last, before)) {
      if ((ALIAS + r.generation()).equals(alias)) {
        return r.value();
      }
    }
    return null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return choose(keyTypes);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return choose(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Identity identity = byAlias(alias);
    return identity == null ? null : identity.chainArray();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Identity identity = byAlias(alias);
    return identity == null ? null : identity.key();
  }
}
