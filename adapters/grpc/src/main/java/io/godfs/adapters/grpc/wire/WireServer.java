package io.godfs.adapters.grpc.wire;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;

/**
 * A master's metadata wire (ADR 0031): the unary methods of its gRPC services, with their
 * interceptors, on a second port speaking {@link WireFrames} over plain TCP or TLS 1.3. Each
 * connection has its own thread, which reads a call, runs it and writes its answer: a call that the
 * handler answers at once (a stat under the leader's lease) costs one wake-up on each side and no
 * hand-off between threads, where gRPC over HTTP/2 costs several and 2-3 times the CPU.
 */
public final class WireServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WireServer.class.getName());

  /** A client that says nothing for this long after connecting is let go. */
  private static final int HANDSHAKE_MILLIS = 10_000;

  /** A connection idle this long is closed; clients drop theirs after a shorter idle time. */
  static final int IDLE_MILLIS = (int) TimeUnit.MINUTES.toMillis(5);

  /** Longer than any client waits: a handler that never answers frees its connection then. */
  private static final long LONGEST_ANSWER_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final ServerSocket listener;
  private final Optional<WireTls.Server> tls;
  private final Map<String, ServerMethodDefinition<?, ?>> methods;
  private final int maxConnections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private WireServer(
      ServerSocket listener,
      List<ServerServiceDefinition> services,
      Optional<WireTls.Server> tls,
      int maxConnections) {
    this.listener = listener;
    this.tls = tls;
    this.maxConnections = maxConnections;
    Map<String, ServerMethodDefinition<?, ?>> unary = new HashMap<>();
    for (ServerServiceDefinition service : services) {
      for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
        if (m.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY) {
          unary.put(m.getMethodDescriptor().getFullMethodName(), m);
        }
      }
    }
    this.methods = Map.copyOf(unary);
    this.acceptor = new Thread(this::accept, "godfs-wire-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /**
   * Listens on {@code host}:{@code port} (0 = a free port) and serves the unary methods of {@code
   * services} (each with its interceptors already applied), over TLS when {@code tls} is given.
   *
   * @throws UncheckedIOException naming the address that cannot be listened on
   */
  public static WireServer start(
      String host,
      int port,
      List<ServerServiceDefinition> services,
      Optional<WireTls.Server> tls,
      int maxConnections) {
    ServerSocket socket;
    try {
      // TLS is layered on each accepted TCP socket, whose own stream WireSpin watches.
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + " (metadata wire): " + e.getMessage(), e);
    }
    WireServer server = new WireServer(socket, services, tls, maxConnections);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Calls answered so far, for tests and the benchmark's check that the wire was used. */
  public long callsServed() {
    return served.get();
  }

  private void accept() {
    while (!closed) {
      Socket tcp;
      try {
        tcp = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "metadata wire: cannot accept: " + e.getMessage());
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // e.g. out of descriptors
        }
        continue;
      }
      Socket socket;
      try {
        socket = tls.isPresent() ? tls.get().layer(tcp) : tcp;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "metadata wire: cannot start TLS: " + e.getMessage());
        closeQuietly(tcp);
        continue;
      }
      open.add(socket);
      Thread t = new Thread(() -> serve(socket, tcp), "godfs-wire-" + socket.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  /** {@code tcp}: the TCP socket under {@code socket}'s TLS (the same socket without). */
  private void serve(Socket socket, Socket tcp) {
    boolean counted = connections.incrementAndGet() <= maxConnections;
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(HANDSHAKE_MILLIS);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      byte[] preface = new byte[WireFrames.PREFACE.length];
      in.readFully(preface);
      if (!Arrays.equals(preface, WireFrames.PREFACE)) {
        return; // not a wire client: nothing it could read would help it
      }
      out.write(counted ? WireFrames.ACCEPTED : WireFrames.BUSY);
      out.flush();
      if (!counted) {
        return;
      }
      Attributes attributes = attributes(socket);
      String authority = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
      WireFrames.FrameBuffer frame = new WireFrames.FrameBuffer();
      socket.setSoTimeout(IDLE_MILLIS);
      InputStream received = tcp.getInputStream();
      WireSpin.Pace pace = WireSpin.SERVER.pace();
      while (!closed) {
        byte[] body = WireFrames.readFrame(in);
        pace.arrived();
        if (body == null) {
          return;
        }
        if (!call(WireFrames.readRequest(body), attributes, authority, frame, out)) {
          return;
        }
        WireSpin.SERVER.awaitBytes(in, received, pace);
      }
    } catch (IOException e) {
      if (!closed && !(e instanceof SocketException)) {
        LOG.log(Level.DEBUG, "metadata wire: connection dropped: " + e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.decrementAndGet();
      open.remove(socket);
    }
  }

  /** Serves one call; false when the connection must close. */
  private boolean call(
      WireFrames.Request request,
      Attributes attributes,
      String authority,
      WireFrames.FrameBuffer frame,
      OutputStream out)
      throws IOException, InterruptedException {
    ServerMethodDefinition<?, ?> method = methods.get(request.method());
    if (method == null) {
      WireFrames.writeAnswer(
          frame,
          null,
          null,
          Status.UNIMPLEMENTED.withDescription(
              "method " + request.method() + " is not served on the metadata wire"),
          null);
      frame.sendTo(out);
      return true;
    }
    WireServerCall<?, ?> call = run(method, request, attributes, authority);
    if (!call.awaitClose(LONGEST_ANSWER_NANOS)) {
      LOG.log(Level.WARNING, "metadata wire: no answer to " + request.method() + " in 10 min");
      return false;
    }
    try {
      call.writeAnswer(frame);
      served.incrementAndGet(); // before the client can read the answer
      frame.sendTo(out);
    } catch (IOException e) {
      call.end(false);
      throw e;
    }
    call.end(true);
    return true;
  }

  /** Starts {@code method} on a new call, as gRPC's server would, and hands it the request. */
  private static <Q, R> WireServerCall<Q, R> run(
      ServerMethodDefinition<Q, R> method,
      WireFrames.Request request,
      Attributes attributes,
      String authority) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    WireServerCall<Q, R> call = new WireServerCall<>(descriptor, attributes, authority);
    Q message;
    try {
      message = WireFrames.parse(request.message(), descriptor.getRequestMarshaller());
    } catch (RuntimeException e) {
      call.close(
          Status.INVALID_ARGUMENT.withDescription(
              "cannot parse the request of " + descriptor.getFullMethodName()),
          null);
      return call;
    }
    // Each call has its own context, cancelled when it ends, as on gRPC's server.
    Context.CancellableContext context = Context.ROOT.withCancellation();
    Context previous = context.attach();
    try {
      ServerCall.Listener<Q> listener =
          method.getServerCallHandler().startCall(call, request.headers());
      listener.onReady();
      listener.onMessage(message);
      listener.onHalfClose();
      call.onEnd(
          written -> {
            if (written) {
              listener.onComplete();
            } else {
              listener.onCancel();
            }
            context.cancel(null);
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "metadata wire: " + descriptor.getFullMethodName() + " failed", e);
      call.close(
          Status.INTERNAL.withDescription(
              "the master failed serving " + descriptor.getFullMethodName()),
          null);
      context.cancel(e);
    } finally {
      context.detach(previous);
    }
    return call;
  }

  private static Attributes attributes(Socket socket) {
    Attributes.Builder b =
        Attributes.newBuilder()
            .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, socket.getRemoteSocketAddress())
            .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, socket.getLocalSocketAddress());
    if (socket instanceof SSLSocket ssl) {
      b.set(Grpc.TRANSPORT_ATTR_SSL_SESSION, ssl.getSession());
    }
    return b.build();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(WireServer::closeQuietly);
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
