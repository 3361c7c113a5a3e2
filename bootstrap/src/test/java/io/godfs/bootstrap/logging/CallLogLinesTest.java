package io.godfs.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcServerHandle;
import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.application.port.out.RpcMeter;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A line logged while a gRPC call is served carries the caller's request id and principal (ADR
 * 0023, "Logs"): the id travels as {@code x-request-id} from the caller's Context, and the server's
 * interceptors make both current in the handler, where the formatter reads them. Real sockets.
 */
@Timeout(60)
class CallLogLinesTest {
  private static final String LOGGER = "io.godfs.test.CallLogLines";

  /** Held: java.util.logging keeps loggers weakly, and a collected one loses its handler. */
  private final Logger logger = Logger.getLogger(LOGGER);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        private final TextFormatter text = new TextFormatter();

        @Override
        public void publish(LogRecord record) {
          lines.add(text.format(record)); // on the logging thread, as a console handler formats
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final ChannelPool channels =
      new ChannelPool(Optional.empty(), Optional.empty(), RpcMeter.NONE, OpenTelemetry.noop());
  private GrpcServerHandle server;

  @AfterEach
  void stop() {
    logger.removeHandler(capture);
    channels.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aLineLoggedWhileServingACallNamesItsRequestAndCaller() {
    logger.setLevel(Level.INFO);
    logger.addHandler(capture);
    server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new MasterServiceGrpc.MasterServiceImplBase() {
                  @Override
                  public void getClusterInfo(
                      GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
                    System.getLogger(LOGGER).log(System.Logger.Level.INFO, "serving the call");
                    out.onNext(ClusterInfo.getDefaultInstance());
                    out.onCompleted();
                  }
                }),
            Optional.empty(),
            RpcMeter.NONE,
            OpenTelemetry.noop());

    Context operation =
        Context.root().with(Baggage.builder().put("godfs.request_id", "op-7f3a").build());
    try (Scope ignored = operation.makeCurrent()) {
      MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
    }
    System.getLogger(LOGGER).log(System.Logger.Level.INFO, "after the call");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("INFO")
        .contains("rid=op-7f3a")
        .contains("user=anonymous")
        .contains("serving the call");
    // Outside any call: neither field.
    assertThat(lines.get(1)).doesNotContain("rid=").doesNotContain("user=");
  }
}
