package io.godfs.adapters.metadataratis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificate authorities and master certificates for Raft over TLS, made with the JDK's {@code
 * keytool} (this adapter may not use the gRPC adapter's PEM fixtures): a CA, and per master a key
 * pair whose certificate the CA signs for 127.0.0.1 and localhost, as server and as client. The
 * JDK's own key and trust managers over them are what the wiring would hand over.
 */
final class RaftCertificates {
  private static final String PASS = "changeit";
  private static final AtomicInteger NEXT = new AtomicInteger();

  private final Path dir;
  private final Path caStore;
  private final Path caCertificate;

  private RaftCertificates(Path dir, Path caStore, Path caCertificate) {
    this.dir = dir;
    this.caStore = caStore;
    this.caCertificate = caCertificate;
  }

  /** A new CA named {@code name}, its files in {@code dir}. */
  static RaftCertificates newCa(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path store = dir.resolve("ca.p12");
    Path certificate = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-dname",
        "CN=" + name,
        "-validity",
        "2",
        "-ext",
        "bc:c",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS,
        "-file",
        certificate.toString());
    return new RaftCertificates(dir, store, certificate);
  }

  /** TLS for master {@code id}: its certificate signed by this CA, trusting this CA only. */
  RatisTls tlsFor(String id) throws IOException {
    return new RatisTls(keys(id), trust());
  }

  /** The key manager of a new certificate {@code CN=<id>,OU=master} signed by this CA. */
  X509ExtendedKeyManager keys(String id) throws IOException {
    String file = id + "-" + NEXT.incrementAndGet();
    Path store = dir.resolve(file + ".p12");
    Path request = dir.resolve(file + ".csr");
    Path signed = dir.resolve(file + ".crt");
    keytool(
        "-genkeypair",
        "-alias",
        "leaf",
        "-keyalg",
        "EC",
        "-dname",
        "CN=" + id + ",OU=master",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS);
    keytool(
        "-certreq",
        "-alias",
        "leaf",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS,
        "-file",
        request.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
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
        "eku=serverAuth,clientAuth");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS,
        "-file",
        caCertificate.toString());
    keytool(
        "-importcert",
        "-alias",
        "leaf",
        "-keystore",
        store.toString(),
        "-storepass",
        PASS,
        "-file",
        signed.toString());
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASS.toCharArray());
      keys.deleteEntry("ca"); // trusted elsewhere; only the leaf's entry is presented
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, PASS.toCharArray());
      for (KeyManager m : factory.getKeyManagers()) {
        if (m instanceof X509ExtendedKeyManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 key manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A trust manager trusting this CA only. */
  X509ExtendedTrustManager trust() throws IOException {
    try (InputStream in = Files.newInputStream(caStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASS.toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", store.getCertificate("ca"));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
