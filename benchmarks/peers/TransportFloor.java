import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.zip.CRC32C;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floor under one metadata call on this machine (issue 26): one thread sends a small request
 * over loopback TCP and waits for a small answer, one call after another, as the stat benchmark's
 * client does. No RPC framework: a 4-byte length and the bytes, blocking sockets, so each call is
 * two wake-ups (the server's reader, then the caller). Variants add what a framework adds: TLS 1.3,
 * and one more thread hand-off on the server (a reader thread passing the request to a worker, as
 * an event loop passes it to an executor). The gap between these and gRPC's own floor
 * (bench-peers-sdk's rpc_floor: whoAmI, authenticated, 140-180 µs) is what a leaner transport could
 * win; the gap between the variants is what TLS and one hand-off cost here.
 *
 * <p>Usage: {@code java benchmarks/peers/TransportFloor.java [CALLS=20000] [ROUNDS=5]} with JDK 21+
 * and {@code keytool} on the PATH (for the TLS variants' throwaway key). Prints one line per
 * variant: median calls/s and µs per call over the rounds, after a warm-up of the same size, and
 * the CPU per call of both sides together (the process's user and system time over the counted
 * rounds, its JIT and GC threads included), to set against gRPC's 52 + 83 µs plaintext and 89 +
 * 115 µs with TLS (docs/benchmarks.md, "Stop 42").
 *
 * <p>{@code java benchmarks/peers/TransportFloor.java read [SIZE_MIB=1024] [ROUNDS=5]} measures the
 * floor under a remote read instead: a file in the page cache sent over loopback TCP in 1 MiB
 * frames, each with one CRC32C per 64 KiB block, as a chunkserver sends a replica. The reader
 * receives each frame, checks its CRCs and copies it into its caller's array, which is the least a
 * goDFS read over the network must do. No RPC framework; plaintext and the JDK's TLS 1.3.
 */
public final class TransportFloor {
  private static final int REQUEST_BYTES = 120; // a stat's request with its path and headers
  private static final int ANSWER_BYTES = 200; // a FileStatus

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("read")) {
      BulkReadFloor.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SSLContext tls = throwawayTls();
    System.out.printf(
        "%-44s %10s %8s %8s  %s%n", "variant", "calls/s", "µs/call", "CPU µs", "rounds (calls/s)");
    for (boolean secure : new boolean[] {false, true}) {
      for (boolean handOff : new boolean[] {false, true}) {
        String name =
            (secure ? "TLS 1.3" : "plaintext") + ", " + (handOff ? "reader -> worker" : "reader answers");
        measure(name, secure ? tls : null, handOff, calls, rounds);
      }
    }
    measureSpinning(calls, rounds);
  }

  /**
   * Plaintext, each side polling its socket for up to {@link #SPIN_NANOS} before it blocks: the
   * answer finds its reader running, so neither side is woken (what an idle virtual CPU costs to
   * wake is then out of the call).
   */
  private static void measureSpinning(int calls, int rounds) throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread accept =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (SocketChannel peer = server.accept()) {
                      peer.socket().setTcpNoDelay(true);
                      ByteBuffer request = ByteBuffer.allocateDirect(4 + REQUEST_BYTES);
                      ByteBuffer answer = ByteBuffer.allocateDirect(4 + ANSWER_BYTES);
                      while (true) {
                        receive(peer, request);
                        answer.clear().putInt(ANSWER_BYTES).position(4 + ANSWER_BYTES).flip();
                        send(peer, answer);
                      }
                    } catch (IOException e) {
                      // the client closed the connection: this variant is done
                    }
                  });
      try (SocketChannel channel = SocketChannel.open(server.getLocalAddress())) {
        channel.socket().setTcpNoDelay(true);
        ByteBuffer request = ByteBuffer.allocateDirect(4 + REQUEST_BYTES);
        ByteBuffer answer = ByteBuffer.allocateDirect(4 + ANSWER_BYTES);
        double[] rates = new double[rounds + 1];
        long cpuBefore = 0;
        for (int r = 0; r <= rounds; r++) { // round 0 is the warm-up
          if (r == 1) {
            cpuBefore = processCpuNanos();
          }
          long start = System.nanoTime();
          for (int i = 0; i < calls; i++) {
            request.clear().putInt(REQUEST_BYTES).position(4 + REQUEST_BYTES).flip();
            send(channel, request);
            receive(channel, answer);
          }
          rates[r] = calls / ((System.nanoTime() - start) / 1e9);
        }
        double cpu = (processCpuNanos() - cpuBefore) / 1e3 / ((double) calls * rounds);
        report(
            "plaintext, both sides poll " + SPIN_NANOS / 1000 + " µs",
            Arrays.copyOfRange(rates, 1, rounds + 1),
            cpu);
      }
      accept.interrupt();
    }
  }

  private static final long SPIN_NANOS = 100_000;

  private static void send(SocketChannel channel, ByteBuffer frame) throws IOException {
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  /** Reads one frame of {@code into}'s capacity, polling for a while before blocking. */
  private static void receive(SocketChannel channel, ByteBuffer into) throws IOException {
    into.clear();
    channel.configureBlocking(false);
    long since = System.nanoTime();
    while (into.hasRemaining()) {
      int n = channel.read(into);
      if (n < 0) {
        throw new IOException("closed");
      }
      if (n > 0) {
        since = System.nanoTime();
      } else if (System.nanoTime() - since > SPIN_NANOS) {
        channel.configureBlocking(true);
        if (channel.read(into) < 0) {
          throw new IOException("closed");
        }
        channel.configureBlocking(false);
        since = System.nanoTime();
      } else {
        Thread.onSpinWait();
      }
    }
  }

  /** CPU of this process (both sides of every call) in nanoseconds, user and system. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void report(String name, double[] rates, double cpuMicrosPerCall) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    double median = sorted[rates.length / 2];
    StringBuilder each = new StringBuilder();
    for (double rate : rates) {
      each.append(String.format("%.0f ", rate));
    }
    System.out.printf(
        "%-44s %10.0f %8.1f %8.1f  %s%n",
        name, median, 1e6 / median, cpuMicrosPerCall, each.toString().trim());
  }

  private static void measure(String name, SSLContext tls, boolean handOff, int calls, int rounds)
      throws Exception {
    try (ServerSocket server = listen(tls)) {
      Thread accept = Thread.ofPlatform().daemon().start(() -> serve(server, handOff));
      try (Socket socket = connect(tls, server.getLocalPort())) {
        socket.setTcpNoDelay(true);
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
        byte[] request = new byte[REQUEST_BYTES];
        byte[] answer = new byte[ANSWER_BYTES];
        run(out, in, request, answer, calls); // warm-up: JIT, TLS session, socket buffers
        double[] rates = new double[rounds];
        long cpuBefore = processCpuNanos();
        for (int r = 0; r < rounds; r++) {
          long start = System.nanoTime();
          run(out, in, request, answer, calls);
          rates[r] = calls / ((System.nanoTime() - start) / 1e9);
        }
        report(name, rates, (processCpuNanos() - cpuBefore) / 1e3 / ((double) calls * rounds));
      }
      accept.interrupt();
    }
  }

  private static void run(
      DataOutputStream out, DataInputStream in, byte[] request, byte[] answer, int calls)
      throws IOException {
    for (int i = 0; i < calls; i++) {
      out.writeInt(request.length);
      out.write(request);
      out.flush();
      int length = in.readInt();
      in.readFully(answer, 0, length);
    }
  }

  /** One connection: read a request, answer it (here or from a worker thread), until it closes. */
  private static void serve(ServerSocket server, boolean handOff) {
    try (Socket socket = server.accept()) {
      socket.setTcpNoDelay(true);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
      byte[] answer = new byte[ANSWER_BYTES];
      BlockingQueue<byte[]> requests = new SynchronousQueue<>();
      if (handOff) {
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    while (true) {
                      requests.take();
                      synchronized (out) {
                        out.writeInt(answer.length);
                        out.write(answer);
                        out.flush();
                      }
                    }
                  } catch (InterruptedException | IOException e) {
                    // the connection closed
                  }
                });
      }
      while (true) {
        int length = in.readInt();
        byte[] request = new byte[length];
        in.readFully(request);
        if (handOff) {
          requests.put(request);
        } else {
          out.writeInt(answer.length);
          out.write(answer);
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client closed the connection: this variant is done
    }
  }

  static ServerSocket listen(SSLContext tls) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (tls == null) {
      return new ServerSocket(0, 1, loopback);
    }
    SSLServerSocket server =
        (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 1, loopback);
    server.setEnabledProtocols(new String[] {"TLSv1.3"});
    return server;
  }

  static Socket connect(SSLContext tls, int port) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (tls == null) {
      return new Socket(loopback, port);
    }
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(loopback, port);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    socket.startHandshake();
    return socket;
  }

  /** A throwaway EC key and self-signed certificate from keytool, trusted by this process only. */
  static SSLContext throwawayTls() throws Exception {
    Path dir = Files.createTempDirectory("transport-floor");
    Path store = dir.resolve("key.p12");
    char[] password = "transport-floor".toCharArray();
    List<String> command =
        new ArrayList<>(
            List.of(
                "keytool", "-genkeypair", "-alias", "floor", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(password)));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    Files.delete(store);
    Files.delete(dir);
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, password);
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    return context;
  }
}

/**
 * The floor under a remote read of a file in the page cache (the {@code read} mode). The sender
 * sends the CRCs computed once up front (a chunkserver reads its stored ones from the index).
 */
final class BulkReadFloor {
  private static final int FRAME = 1 << 20;
  private static final int BLOCK = 64 << 10;

  private enum Variant {
    STREAMS_PLAIN("plaintext, socket streams, heap arrays"),
    NIO_PLAIN("plaintext, NIO channels, direct buffers"),
    SENDFILE_PLAIN("plaintext, sendfile (transferTo) out"),
    STREAMS_TLS("TLS 1.3 (JDK), socket streams, heap arrays");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  static void main(String[] args) throws Exception {
    int sizeMib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path file = Files.createTempFile("read-floor", ".chunk");
    try {
      int[] crcs = fill(file, sizeMib);
      SSLContext tls = TransportFloor.throwawayTls();
      System.out.printf(
          "%-48s %8s %10s  %s%n",
          "variant (" + sizeMib + " MiB, warm; reader checks CRCs, copies to caller)",
          "MB/s",
          "CPU s/GiB",
          "rounds (MB/s)");
      for (Variant variant : Variant.values()) {
        measure(variant, file, crcs, variant == Variant.STREAMS_TLS ? tls : null, rounds);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Random bytes and their CRCs, read once so that every round reads them from the page cache. */
  private static int[] fill(Path file, int sizeMib) throws IOException {
    byte[] bytes = new byte[FRAME];
    int[] crcs = new int[sizeMib * (FRAME / BLOCK)];
    java.util.SplittableRandom random = new java.util.SplittableRandom(26);
    CRC32C crc = new CRC32C();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = 0; i < sizeMib; i++) {
        for (int j = 0; j < bytes.length; j += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8; k++) {
            bytes[j + k] = (byte) (v >>> (8 * k));
          }
        }
        for (int b = 0; b < FRAME / BLOCK; b++) {
          crc.reset();
          crc.update(bytes, b * BLOCK, BLOCK);
          crcs[i * (FRAME / BLOCK) + b] = (int) crc.getValue();
        }
        out.write(ByteBuffer.wrap(bytes));
      }
    }
    try (FileChannel in = FileChannel.open(file)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(FRAME);
      long at = 0;
      for (int n; (n = in.read(buffer.clear(), at)) > 0; ) {
        at += n;
      }
    }
    return crcs;
  }

  private static void measure(Variant variant, Path file, int[] crcs, SSLContext tls, int rounds)
      throws Exception {
    long size = Files.size(file);
    double[] rates = new double[rounds];
    long cpu = 0;
    for (int r = -1; r < rounds; r++) { // round -1 warms the JIT and the TLS code
      boolean streams = variant == Variant.STREAMS_PLAIN || variant == Variant.STREAMS_TLS;
      try (ServerSocket server = streams ? TransportFloor.listen(tls) : channelListener()) {
        Thread sender =
            Thread.ofPlatform().daemon().start(() -> send(server, file, crcs, variant));
        try (Socket socket =
            streams
                ? TransportFloor.connect(tls, server.getLocalPort())
                : SocketChannel.open(server.getLocalSocketAddress()).socket()) {
          long cpuBefore = TransportFloor.processCpuNanos();
          long start = System.nanoTime();
          long got =
              streams
                  ? receive(socket.getInputStream())
                  : receive(socket.getChannel());
          long elapsed = System.nanoTime() - start;
          if (got != size) {
            throw new IOException("received " + got + " bytes of " + size);
          }
          if (r >= 0) {
            rates[r] = size / (elapsed / 1e9) / 1e6;
            cpu += TransportFloor.processCpuNanos() - cpuBefore;
          }
        }
        sender.join();
      }
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    StringBuilder each = new StringBuilder();
    for (double rate : rates) {
      each.append(String.format("%.0f ", rate));
    }
    double cpuPerGib = cpu / 1e9 / ((double) size * rounds / (1L << 30));
    System.out.printf(
        "%-48s %8.0f %10.2f  %s%n",
        variant.label, sorted[rounds / 2], cpuPerGib, each.toString().trim());
  }

  /** Frames: length, one CRC per 64 KiB block, then the bytes, as a chunkserver sends a replica. */
  private static void send(ServerSocket server, Path file, int[] crcs, Variant variant) {
    try (Socket socket = accept(server, variant);
        FileChannel in = FileChannel.open(file)) {
      long size = in.size();
      if (variant == Variant.STREAMS_PLAIN || variant == Variant.STREAMS_TLS) {
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 << 10));
        ByteBuffer frame = ByteBuffer.allocate(FRAME);
        for (long at = 0; at < size; ) {
          int n = in.read(frame.clear(), at);
          out.writeInt(n);
          for (int b = 0; b < n / BLOCK; b++) {
            out.writeInt(crcs[(int) (at / BLOCK) + b]);
          }
          out.write(frame.array(), 0, n);
          at += n;
        }
        out.writeInt(0);
        out.flush();
        return;
      }
      SocketChannel out = socket.getChannel();
      ByteBuffer header = ByteBuffer.allocateDirect(4 + 4 * (FRAME / BLOCK));
      ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);
      for (long at = 0; at < size; ) {
        int n = (int) Math.min(FRAME, size - at);
        header.clear().putInt(n);
        for (int b = 0; b < n / BLOCK; b++) {
          header.putInt(crcs[(int) (at / BLOCK) + b]);
        }
        writeFully(out, header.flip());
        if (variant == Variant.SENDFILE_PLAIN) {
          for (long sent = 0; sent < n; ) {
            sent += in.transferTo(at + sent, n - sent, out);
          }
        } else {
          frame.clear().limit(n);
          while (frame.hasRemaining()) {
            in.read(frame, at + frame.position());
          }
          writeFully(out, frame.flip());
        }
        at += n;
      }
      writeFully(out, header.clear().putInt(0).flip());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServerSocket channelListener() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    return channel.socket();
  }

  private static Socket accept(ServerSocket server, Variant variant) throws IOException {
    if (variant == Variant.STREAMS_PLAIN || variant == Variant.STREAMS_TLS) {
      return server.accept();
    }
    return server.getChannel().accept().socket();
  }

  private static void writeFully(SocketChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static long receive(InputStream socket) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket, 64 << 10));
    byte[] frame = new byte[FRAME];
    byte[] caller = new byte[FRAME];
    int[] crcs = new int[FRAME / BLOCK];
    CRC32C crc = new CRC32C();
    long total = 0;
    for (int n; (n = in.readInt()) > 0; total += n) {
      int blocks = n / BLOCK;
      for (int b = 0; b < blocks; b++) {
        crcs[b] = in.readInt();
      }
      in.readFully(frame, 0, n);
      for (int b = 0; b < blocks; b++) {
        crc.reset();
        crc.update(frame, b * BLOCK, BLOCK);
        if ((int) crc.getValue() != crcs[b]) {
          throw new IOException("CRC32C mismatch in block " + b + " at " + total);
        }
      }
      System.arraycopy(frame, 0, caller, 0, n);
    }
    return total;
  }

  private static long receive(SocketChannel socket) throws IOException {
    ByteBuffer header = ByteBuffer.allocateDirect(4 + 4 * (FRAME / BLOCK));
    ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);
    byte[] caller = new byte[FRAME];
    CRC32C crc = new CRC32C();
    long total = 0;
    while (true) {
      readFully(socket, header.clear().limit(4));
      int n = header.getInt(0);
      if (n == 0) {
        return total;
      }
      readFully(socket, header.clear().limit(4 * (n / BLOCK)));
      readFully(socket, frame.clear().limit(n));
      for (int b = 0; b < n / BLOCK; b++) {
        crc.reset();
        crc.update(frame.duplicate().position(b * BLOCK).limit((b + 1) * BLOCK));
        if ((int) crc.getValue() != header.getInt(4 * b)) {
          throw new IOException("CRC32C mismatch in block " + b + " at " + total);
        }
      }
      frame.flip().get(caller, 0, n);
      total += n;
    }
  }

  private static void readFully(SocketChannel in, ByteBuffer into) throws IOException {
    while (into.hasRemaining()) {
      if (in.read(into) < 0) {
        throw new IOException("closed");
      }
    }
  }
}
