package io.godfs.deployments.cluster;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteFinish;
import io.godfs.api.v1.WriteHeader;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A hostile client of a chunkserver port, run inside a container on the cluster's network (the
 * godfs image, {@code java -cp /opt/godfs/godfs.jar:/probe}): raw gRPC {@code ReadChunk} and {@code
 * WriteChunk} of a chunk that exists, as someone who knows its id and version but holds no
 * identity. It prints one line per attempt, {@code <attempt>: OK <bytes>} or {@code <attempt>:
 * REFUSED <code> <what the client saw>}; the test reads them. Uses only what the image holds (the
 * godfs jar and its libraries).
 *
 * <p>Usage: {@code idle} (keeps the container running for {@code docker exec}); {@code probe
 * HOST:PORT CHUNK VERSION LENGTH [CERT KEY CA [TOKEN_FILE]]}: without a certificate it tries
 * plaintext, then TLS trusting any server (an intruder does not check whom it talks to) without a
 * client certificate; with one, TLS presenting it, and the token file's bytes as the chunk access
 * token, if given.
 */
public final class ChunkPortProbe {
  static final String IDLE = "chunk port probe idle";

  private ChunkPortProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("idle")) {
      System.out.println(IDLE);
      new CountDownLatch(1).await();
      return;
    }
    String target = args[1];
    long chunk = Long.parseLong(args[2]);
    long version = Long.parseLong(args[3]);
    long length = Long.parseLong(args[4]);
    if (args.length == 5) {
      attempt(
          "plaintext",
          NettyChannelBuilder.forTarget(target).usePlaintext().build(),
          chunk,
          version,
          length,
          ByteString.EMPTY);
      SslContext anyServer =
          GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
      attempt(
          "tls-without-certificate",
          NettyChannelBuilder.forTarget(target).sslContext(anyServer).build(),
          chunk,
          version,
          length,
          ByteString.EMPTY);
      return;
    }
    SslContextBuilder tls =
        GrpcSslContexts.forClient()
            .keyManager(new File(args[5]), new File(args[6]))
            .trustManager(new File(args[7]));
    ByteString token =
        args.length > 8
            ? ByteString.copyFrom(Files.readAllBytes(Path.of(args[8])))
            : ByteString.EMPTY;
    attempt(
        token.isEmpty() ? "tls-with-certificate" : "tls-with-certificate-and-token",
        NettyChannelBuilder.forTarget(target).sslContext(tls.build()).build(),
        chunk,
        version,
        length,
        token);
  }

  /** A read of the whole chunk, then a new write of it (the next version), on {@code channel}. */
  private static void attempt(
      String how, ManagedChannel channel, long chunk, long version, long length, ByteString token)
      throws InterruptedException {
    try {
      System.out.println(how + " read: " + read(channel, chunk, version, length, token));
      System.out.println(how + " write: " + write(channel, chunk, version + 1, token));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static String read(
      ManagedChannel channel, long chunk, long version, long length, ByteString token) {
    try {
      Iterator<ReadChunkResponse> answers =
          ChunkServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(15, TimeUnit.SECONDS)
              .readChunk(
                  ReadChunkRequest.newBuilder()
                      .setChunkId(chunk)
                      .setVersion(version)
                      .setOffset(0)
                      .setLength(length)
                      .setAccessToken(token)
                      .build());
      long bytes = 0;
      while (answers.hasNext()) {
        bytes += answers.next().getData().size();
      }
      return "OK " + bytes;
    } catch (RuntimeException e) {
      return refusal(e);
    }
  }

  /** Streams 64 KiB of zeros as a new version of the chunk; the answer or the refusal. */
  private static String write(ManagedChannel channel, long chunk, long version, ByteString token) {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    StreamObserver<WriteChunkRequest> requests =
        ChunkServiceGrpc.newStub(channel)
            .withDeadlineAfter(15, TimeUnit.SECONDS)
            .writeChunk(
                new StreamObserver<>() {
                  @Override
                  public void onNext(WriteChunkAck ack) {
                    if (ack.getFinished()) {
                      outcome.complete("OK " + ack.getChunkLength());
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    outcome.complete(refusal(t));
                  }

                  @Override
                  public void onCompleted() {
                    outcome.complete("REFUSED completed without a finish");
                  }
                });
    byte[] zeros = new byte[64 * 1024];
    CRC32C crc = new CRC32C();
    crc.update(zeros);
    try {
      requests.onNext(
          WriteChunkRequest.newBuilder()
              .setHeader(
                  WriteHeader.newBuilder()
                      .setChunkId(chunk)
                      .setVersion(version)
                      .setChunkSize(1 << 20)
                      .setBaseLength(0)
                      .setAccessToken(token))
              .build());
      requests.onNext(
          WriteChunkRequest.newBuilder()
              .setData(
                  ChunkData.newBuilder()
                      .setSeq(1)
                      .setOffsetInChunk(0)
                      .setData(ByteString.copyFrom(zeros))
                      .addCrcs((int) crc.getValue()))
              .build());
      requests.onNext(
          WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(2)).build());
      return outcome.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return outcome.getNow(refusal(e));
    } finally {
      requests.onCompleted();
    }
  }

  /** The status code, its description and the deepest cause (a TLS alert shows there). */
  private static String refusal(Throwable t) {
    Status status = Status.fromThrowable(t);
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return ("REFUSED " + status.getCode() + " " + status.getDescription() + " / " + root)
        .replace('\n', ' ');
  }
}
