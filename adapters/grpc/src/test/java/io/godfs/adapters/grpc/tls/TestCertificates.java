package io.godfs.adapters.grpc.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Certificate authorities and certificates for tests, made with the JDK's {@code keytool} only (the
 * JDK has no public API to sign a certificate): a CA key pair, a leaf key pair whose request the CA
 * signs, both exported as PEM; the leaf's key is written as PKCS#8 PEM from its PKCS#12 store.
 * Shared with the bootstrap tests through this module's test jar.
 */
public final class TestCertificates {
  private static final String PASS = "changeit";
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A certificate authority whose files live in {@code dir}. */
  public record Ca(Path dir, Path store, Path certificate) {
    /**
     * A certificate for {@code subject} (like {@code CN=chunk-1,OU=chunkserver}) signed by this CA,
     * valid for 127.0.0.1 and localhost as server and as client, with an EC P-256 key.
     */
    public Issued issue(String subject) {
      return issue(subject, "EC");
    }

    /** As {@link #issue(String)}, with an {@code EC} or {@code RSA} key. */
    public Issued issue(String subject, String keyAlgorithm) {
      int n = NEXT.incrementAndGet();
      Path leafStore = dir.resolve("leaf-" + n + ".p12");
      Path request = dir.resolve("leaf-" + n + ".csr");
      Path signed = dir.resolve("leaf-" + n + ".crt");
      keytool(genKeyPair("leaf", subject, leafStore, keyAlgorithm, Optional.empty()));
      keytool(
          List.of(
              "-certreq",
              "-alias",
              "leaf",
              "-keystore",
              leafStore.toString(),
              "-storepass",
              PASS,
              "-file",
              request.toString()));
      keytool(
          List.of(
              "-gencert",
              "-rfc",
              "-alias",
              "ca",
              "-keystore",
              store.toString(),
              "-storepass",
              PASS,
              "-infile",
              request.toString(),
              "-outfile",
              signed.toString(),
              "-validity",
              "2",
              "-ext",
              "san=ip:127.0.0.1,dns:localhost",
              "-ext",
              "ku:c=digitalSignature,keyEncipherment",
              "-ext",
              "eku=serverAuth,clientAuth"));
      try {
        Path chain = dir.resolve("leaf-" + n + "-chain.pem");
        Files.writeString(
            chain, Files.readString(signed) + "\n" + Files.readString(certificate) + "\n");
        Path key = dir.resolve("leaf-" + n + "-key.pem");
        Files.writeString(key, pkcs8Pem(leafStore));
        return new Issued(chain, key, serialOf(signed));
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A certificate chain file (leaf then CA), its PKCS#8 key file and the leaf's serial number. */
  public record Issued(Path chain, Path key, BigInteger serial) {
    /** Copies this certificate and key over {@code chain} and {@code key}, each atomically. */
    public void installAs(Path chainTarget, Path keyTarget) throws IOException {
      replace(chain, chainTarget);
      replace(key, keyTarget);
    }

    public GrpcTls.KeyPairFiles files() {
      return new GrpcTls.KeyPairFiles(chain, key);
    }
  }

  private TestCertificates() {}

  /**
   * A plain JDK TLS 1.3 client context trusting {@code caPem} and presenting {@code identity}, if
   * any: for checking what a server refuses at the TLS level, below gRPC.
   */
  public static SSLContext clientContext(Path caPem, Optional<Issued> identity) {
    try {
      KeyManager[] keys = null;
      if (identity.isPresent()) {
        Identity parsed =
            Identity.parse(
                Files.readAllBytes(identity.get().chain()),
                Files.readAllBytes(identity.get().key()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", parsed.key(), PASS.toCharArray(), parsed.chainArray());
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASS.toCharArray());
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keys,
          new TrustManager[] {Authorities.parse(List.of(Files.readAllBytes(caPem))).checks()},
          null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new CA named {@code name}, its files in {@code dir} (created if needed). */
  public static Ca newCa(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path store = dir.resolve("ca-" + name + ".p12");
      Path certificate = dir.resolve("ca-" + name + ".pem");
      keytool(genKeyPair("ca", "CN=" + name + ",O=goDFS test", store, "EC", Optional.of("bc:c")));
      keytool(
          List.of(
              "-exportcert",
              "-rfc",
              "-alias",
              "ca",
              "-keystore",
              store.toString(),
              "-storepass",
              PASS,
              "-file",
              certificate.toString()));
      return new Ca(dir, store, certificate);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> genKeyPair(
      String alias, String subject, Path store, String algorithm, Optional<String> extension) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                algorithm,
                "-keysize",
                algorithm.equals("RSA") ? "2048" : "256",
                "-dname",
                subject,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASS));
    extension.ifPresent(
        e -> {
          args.add("-ext");
          args.add(e);
        });
    return args;
  }

  private static void replace(Path from, Path to) throws IOException {
    Path temporary = to.resolveSibling(to.getFileName() + ".new");
    Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pkcs8Pem(Path store) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASS.toCharArray());
    }
    Key key = keys.getKey("leaf", PASS.toCharArray());
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static BigInteger serialOf(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getSerialNumber();
    }
  }

  private static void keytool(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args.getFirst() + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
