package io.godfs.benchmarks;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * This machine's limit for TLS itself: one thread encrypting full 16 KiB records with one engine
 * and decrypting them with the other, in memory (no socket, no gRPC), with the contexts goDFS
 * builds for a provider (TLS 1.3, the cipher suite it negotiates, the same key managers). Every
 * byte a secured cluster sends over gRPC pays this once per connection it crosses: once on a read,
 * once per pipeline hop on a write (three with R=3).
 */
final class TlsRecordLimit {
  private static final int RECORD = 16 * 1024;

  /** The rate (MiB/s of application data, both directions' work on one thread) and the suite. */
  record Result(double mibPerSecond, String cipherSuite) {}

  private TlsRecordLimit() {}

  /**
   * Measures {@code provider}'s engines for {@code length}, with a node's certificate ({@code
   * identity}) on both sides and {@code authority} trusted.
   */
  static Result measure(
      TlsProvider provider, GrpcTls.KeyPairFiles identity, Path authority, Duration length)
      throws SSLException {
    TlsProvider before = TlsContexts.provider();
    TlsContexts.use(provider);
    SslContext server;
    SslContext client;
    try {
      server =
          TlsContexts.server(
              new GrpcTls(
                  Optional.of(identity), Optional.empty(), List.of(authority), Optional.empty()));
      client =
          TlsContexts.client(
              new GrpcTls(
                  Optional.empty(), Optional.of(identity), List.of(authority), Optional.empty()));
    } finally {
      TlsContexts.use(before);
    }
    SSLEngine sender = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    SSLEngine receiver = server.newEngine(ByteBufAllocator.DEFAULT);
    try {
      handshake(sender, receiver);
      // Netty hands the JDK's engine heap buffers and BoringSSL's direct ones: do the same.
      boolean direct = !"JDK".equals(provider.implementation());
      transfer(sender, receiver, length, direct); // warm-up: the JIT compiles the record path
      return new Result(
          transfer(sender, receiver, length, direct), sender.getSession().getCipherSuite());
    } finally {
      ReferenceCountUtil.release(sender);
      ReferenceCountUtil.release(receiver);
    }
  }

  private static double transfer(
      SSLEngine sender, SSLEngine receiver, Duration length, boolean direct) throws SSLException {
    byte[] bytes = new byte[RECORD];
    new SplittableRandom(3).nextBytes(bytes);
    ByteBuffer plain = allocate(RECORD, direct).put(bytes);
    ByteBuffer wire = allocate(sender.getSession().getPacketBufferSize(), direct);
    ByteBuffer received =
        allocate(receiver.getSession().getApplicationBufferSize() + RECORD, direct);
    long sent = 0;
    long start = System.nanoTime();
    long end = start + length.toNanos();
    while (System.nanoTime() < end) {
      for (int i = 0; i < 64; i++) {
        plain.clear();
        wire.clear();
        expectOk(sender.wrap(plain, wire));
        wire.flip();
        while (wire.hasRemaining()) {
          received.clear();
          expectOk(receiver.unwrap(wire, received));
        }
        sent += RECORD;
      }
    }
    return sent / 1048576.0 / ((System.nanoTime() - start) / 1e9);
  }

  private static ByteBuffer allocate(int size, boolean direct) {
    return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
  }

  private static void expectOk(SSLEngineResult result) throws SSLException {
    if (result.getStatus() != SSLEngineResult.Status.OK) {
      throw new SSLException("TLS record limit: " + result);
    }
  }

  /** Runs both engines' handshake against each other through two in-memory buffers. */
  private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    ByteBuffer toServer = ByteBuffer.allocateDirect(1 << 17);
    ByteBuffer toClient = ByteBuffer.allocateDirect(1 << 17);
    ByteBuffer sink = ByteBuffer.allocateDirect(1 << 17);
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 1000; i++) {
      if (done(client) && done(server)) {
        return;
      }
      step(client, toClient, toServer, sink);
      step(server, toServer, toClient, sink);
    }
    throw new SSLException(
        "TLS record limit: no handshake, "
            + client.getHandshakeStatus()
            + "/"
            + server.getHandshakeStatus());
  }

  private static boolean done(SSLEngine engine) {
    SSLEngineResult.HandshakeStatus s = engine.getHandshakeStatus();
    return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
        || s == SSLEngineResult.HandshakeStatus.FINISHED;
  }

  /** One handshake step: {@code in} and {@code out} are kept ready for writing between steps. */
  private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer sink)
      throws SSLException {
    switch (engine.getHandshakeStatus()) {
      case NEED_TASK -> {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
      }
      case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        engine.unwrap(in, sink.clear());
        in.compact();
      }
      default -> {
        // FINISHED or NOT_HANDSHAKING: nothing to do on this side
      }
    }
  }
}
