import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
 */
public final class TransportFloor {
  private static final int REQUEST_BYTES = 120; // a stat's request with its path and headers
  private static final int ANSWER_BYTES = 200; // a FileStatus

  public static void main(String[] args) throws Exception {
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
  private static long processCpuNanos() {
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

  private static ServerSocket listen(SSLContext tls) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (tls == null) {
      return new ServerSocket(0, 1, loopback);
    }
    SSLServerSocket server =
        (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 1, loopback);
    server.setEnabledProtocols(new String[] {"TLSv1.3"});
    return server;
  }

  private static Socket connect(SSLContext tls, int port) throws IOException {
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
  private static SSLContext throwawayTls() throws Exception {
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
