import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What this machine allows a replicated metadata change without Ratis (issue 26): the least work a
 * durable change of a namespace kept on three servers must do, with as few threads as it can be
 * done with. A client sends a 120-byte request over loopback TCP and waits for the answer. The
 * leader's reader sends the 200-byte entry to two followers, appends it to its own log and forces
 * it (`FileChannel.force`), then answers once one follower has acknowledged it too (a majority of
 * three, as Raft commits). Each follower's reader appends the entry to its log, forces it and
 * acknowledges. No framework, no TLS, no namespace: every part of it is something a replicated
 * mkdir cannot skip, so no design on this machine does one faster than this (one thread waiting
 * for each). It runs in one JVM, as threads, so no JVM here has a core to itself.
 *
 * <p>Set against bench-peers-sdk's {@code raft_commit_floor} (three Ratis servers built as the
 * masters build theirs, one commit at a time) and HDFS's NameNode mkdir, which forces only its own
 * edit log: the gap between this and the Ratis floor is what Ratis's threads cost here.
 *
 * <p>Usage: {@code java benchmarks/peers/ReplicationFloor.java [CHANGES=5000] [ROUNDS=5] [DIR=/tmp]}
 * with JDK 21+; DIR is where the three logs go (the disk the masters' logs are on). Prints the
 * median changes/s over the rounds after a warm-up of four rounds, µs per change, the CPU per
 * change of the whole process, and a plain fsync's rate on the same disk. Deletes its logs on exit.
 */
public final class ReplicationFloor {
  private static final int REQUEST_BYTES = 120;
  private static final int ENTRY_BYTES = 200;
  private static final int WARM_UP_ROUNDS = 4;

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : "/tmp"), "repl-floor-");
    try {
      System.out.printf("fsync of a %d-byte append, alone: %.0f/s%n", ENTRY_BYTES, fsyncRate(dir));
      run(dir, changes, rounds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0); // the servers' threads block on their sockets
  }

  private static double fsyncRate(Path dir) throws IOException {
    try (FileChannel log = open(dir.resolve("alone.log"))) {
      ByteBuffer entry = ByteBuffer.allocateDirect(ENTRY_BYTES);
      int n = 3_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        append(log, entry);
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void run(Path dir, int changes, int rounds) throws Exception {
    int first = follower(dir.resolve("follower-1.log"));
    int second = follower(dir.resolve("follower-2.log"));
    int leader = leader(dir.resolve("leader.log"), first, second);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), leader)) {
      socket.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] request = new byte[REQUEST_BYTES];
      double[] rates = new double[rounds];
      long cpuStart = 0;
      for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
        if (round == 0) {
          cpuStart = processCpuNanos();
        }
        long start = System.nanoTime();
        for (int i = 0; i < changes; i++) {
          out.write(request);
          out.flush();
          in.readLong(); // the committed index
        }
        if (round >= 0) {
          rates[round] = changes / ((System.nanoTime() - start) / 1e9);
        }
      }
      double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / ((long) changes * rounds);
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      double median = sorted[rounds / 2];
      System.out.printf(
          "3 servers, majority commit, one change at a time: %.0f changes/s (%.0f µs each),"
              + " %.0f µs of CPU per change; rounds %s%n",
          median, 1e6 / median, cpuMicros, Arrays.toString(Arrays.stream(rates).map(Math::rint).toArray()));
    }
  }

  /** A follower: each entry appended, forced, then its index acknowledged. Returns its port. */
  private static int follower(Path file) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    FileChannel log = open(file);
    daemon(
        () -> {
          try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] entry = new byte[ENTRY_BYTES];
            ByteBuffer native_ = ByteBuffer.allocateDirect(ENTRY_BYTES);
            while (true) {
              long index = in.readLong();
              in.readFully(entry);
              native_.clear();
              native_.put(entry).flip();
              append(log, native_);
              out.writeLong(index);
              out.flush();
            }
          }
        });
    return server.getLocalPort();
  }

  /**
   * The leader: the client's reader sends each entry to both followers, forces its own log, and
   * answers once a follower has acknowledged the entry. One thread per follower reads its acks.
   */
  private static int leader(Path file, int first, int second) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    FileChannel log = open(file);
    Socket[] followers = {connect(first), connect(second)};
    AtomicLong acknowledged = new AtomicLong();
    Thread[] waiter = new Thread[1];
    for (Socket f : followers) {
      DataInputStream acks = new DataInputStream(f.getInputStream());
      daemon(
          () -> {
            while (true) {
              long index = acks.readLong();
              if (acknowledged.getAndAccumulate(index, Math::max) < index && waiter[0] != null) {
                LockSupport.unpark(waiter[0]);
              }
            }
          });
    }
    daemon(
        () -> {
          try (Socket client = server.accept()) {
            client.setTcpNoDelay(true);
            waiter[0] = Thread.currentThread();
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream answer = new DataOutputStream(client.getOutputStream());
            DataOutputStream[] sends = {
              new DataOutputStream(followers[0].getOutputStream()),
              new DataOutputStream(followers[1].getOutputStream())
            };
            byte[] request = new byte[REQUEST_BYTES];
            byte[] entry = new byte[ENTRY_BYTES];
            ByteBuffer own = ByteBuffer.allocateDirect(ENTRY_BYTES);
            for (long index = 1; ; index++) {
              in.readFully(request);
              for (DataOutputStream send : sends) {
                send.writeLong(index);
                send.write(entry);
                send.flush();
              }
              own.clear();
              append(log, own);
              while (acknowledged.get() < index) {
                LockSupport.park();
              }
              answer.writeLong(index);
              answer.flush();
            }
          }
        });
    return server.getLocalPort();
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static void append(FileChannel log, ByteBuffer entry) throws IOException {
    while (entry.hasRemaining()) {
      log.write(entry);
    }
    log.force(false);
  }

  private interface Loop {
    void run() throws IOException;
  }

  private static void daemon(Loop loop) {
    Thread t =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (java.io.EOFException e) {
                // the run is over: its client closed the connection
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    t.setDaemon(true);
    t.start();
  }

  /** The process's CPU time, all threads, user and system. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
