package io.godfs.bootstrap.gateway;

import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.HttpsListener;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.application.client.ClientServices;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.client.MultipartSettings;
import io.godfs.application.client.UploadJanitor;
import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.FrontEndServices.CallerSession;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.HttpMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.application.shared.DelegationTokenCodec;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.GatewayHttps;
import io.godfs.client.CallerClients;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.UploadAreas;
import io.godfs.domain.file.DfsPath;
import io.opentelemetry.api.OpenTelemetry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;

/**
 * A running REST gateway wired to a cluster, and the janitor that expires abandoned uploads. {@code
 * godfs gateway} acts for each caller: every request reaches the masters with its caller's own
 * credential (one SDK client per caller over shared connections, {@link CallerClients}), so the
 * cluster authorizes the caller, never the gateway, and a user's uploads stage in that user's own
 * area ({@link UploadAreas}). A gateway over one file system (a dev cluster, tests, benchmarks)
 * serves everyone with it. Closing stops the janitor and the server, then the clients it owns.
 */
public final class GatewayNode implements AutoCloseable {
  private final RestGateway gateway;
  private final UploadJanitor janitor;
  private final IntSupplier expireNow;
  private final List<AutoCloseable> owned;

  private GatewayNode(
      RestGateway gateway,
      UploadJanitor janitor,
      IntSupplier expireNow,
      List<AutoCloseable> owned) {
    this.gateway = gateway;
    this.janitor = janitor;
    this.expireNow = expireNow;
    this.owned = owned;
  }

  /** {@code godfs gateway}: connects to the masters and serves, acting for each caller. */
  public static GatewayNode start(GatewayConfig config) {
    return start(config, RpcMeter.NONE, HttpMeter.NONE);
  }

  /**
   * As above, the calls it makes to the cluster recorded into {@code rpc} and the requests it
   * serves into {@code http} (ADR 0023).
   */
  public static GatewayNode start(GatewayConfig config, RpcMeter rpc, HttpMeter http) {
    return start(config, rpc, http, ClientIoMeter.NONE);
  }

  /**
   * As above, the bytes and operations of the SDK clients it uses for its callers recorded into
   * {@code io} (ADR 0023).
   */
  public static GatewayNode start(
      GatewayConfig config, RpcMeter rpc, HttpMeter http, ClientIoMeter io) {
    return start(config, rpc, http, io, OpenTelemetry.noop());
  }

  /**
   * As above, every request it serves and every call it makes for it a span of {@code tracing}: one
   * trace from the REST request down to the cluster (ADR 0023).
   */
  public static GatewayNode start(
      GatewayConfig config, RpcMeter rpc, HttpMeter http, ClientIoMeter io, OpenTelemetry tracing) {
    GatewaySettings settings = config.settings();
    Clock clock = Clock.systemUTC();
    // Staged names and upload ids must not be guessable by other callers.
    SecureRandom random = new SecureRandom();
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      CallerClients<CallerSession> callers =
          CallerClients.connect(
              config.masterAddress(),
              ClientSettings.DEFAULTS,
              config.clusterTls(),
              rpc,
              io,
              tracing,
              (fs, principal) -> session(fs, principal, settings, clock, random));
      owned.add(callers);
      // The web console's admin calls, each as its caller (ADR 0023).
      CallerAdmins admins =
          new CallerAdmins(config.masterAddress(), config.clusterTls(), rpc, tracing);
      owned.add(admins);
      // The janitor alone acts as the gateway itself: it sweeps every caller's leftovers.
      GodfsClient own =
          GodfsClient.connect(
              config.masterAddress(),
              ClientSettings.DEFAULTS,
              config.ownCredential(),
              config.clusterTls(),
              rpc,
              io,
              tracing);
      owned.add(own);
      MultipartUploadUseCase sharedArea =
          ClientServices.multipartUploads(own, shared(settings), clock, random);
      IntSupplier everyUser = ClientServices.userUploadsSweep(own, shared(settings), clock, random);
      IntSupplier expire = () -> sharedArea.expireAbandoned() + everyUser.getAsInt();
      FrontEndServices perCaller =
          new FrontEndServices() {
            @Override
            public CallerSession forCredential(Optional<String> credential) {
              return callers.forCredential(credential);
            }

            @Override
            public DelegationUseCase.Issued delegate(
                Optional<String> credential,
                DfsPath path,
                Delegation.Operation operation,
                long contentLength,
                Duration lifetime) {
              return callers.issueDelegationToken(
                  credential, path, operation, contentLength, lifetime);
            }

            @Override
            public Optional<DelegationToken> readDelegation(String token) {
              return DelegationTokenCodec.read(token);
            }

            @Override
            public AdminClient admin(Optional<String> credential) {
              return admins.forCredential(credential);
            }

            @Override
            public Optional<AdminClient> ownAdmin() {
              return config.ownCredential().map(key -> admins.forCredential(Optional.of(key)));
            }
          };
      RestGateway gateway =
          RestGateway.start(
              perCaller, settings, clock, config.https().map(GatewayNode::listener), http, tracing);
      UploadJanitor janitor = UploadJanitor.start(expire, settings.uploadExpiry());
      return new GatewayNode(gateway, janitor, expire, owned);
    } catch (RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  /** Serves {@code fs}, which the caller keeps and closes (dev cluster, tests, benchmarks). */
  public static GatewayNode start(FileSystemUseCase fs, GatewaySettings settings, Clock clock) {
    return start(fs, settings, clock, Optional.empty());
  }

  /** As above, serving HTTPS as {@code https} says (empty = HTTP). */
  public static GatewayNode start(
      FileSystemUseCase fs, GatewaySettings settings, Clock clock, Optional<GatewayHttps> https) {
    return start(fs, settings, clock, https, HttpMeter.NONE);
  }

  /** As above, the requests it serves recorded into {@code http} (ADR 0023). */
  public static GatewayNode start(
      FileSystemUseCase fs,
      GatewaySettings settings,
      Clock clock,
      Optional<GatewayHttps> https,
      HttpMeter http) {
    SecureRandom random = new SecureRandom();
    CallerSession everyone = session(fs, Principal.ANONYMOUS, settings, clock, random);
    RestGateway gateway =
        RestGateway.start(
            FrontEndServices.sharedBy(everyone),
            settings,
            clock,
            https.map(GatewayNode::listener),
            http);
    MultipartUploadUseCase multipart = everyone.multipart();
    return new GatewayNode(
        gateway,
        UploadJanitor.start(multipart, settings.uploadExpiry()),
        multipart::expireAbandoned,
        List.of());
  }

  /**
   * The HTTPS side of the Helidon adapter: a JDK TLS context over the PEM files, read again when
   * they change (as every other listener's), asking for client certificates only with a CA file.
   */
  static HttpsListener listener(GatewayHttps https) {
    SSLContext context =
        TlsManagers.serverContext(
            https.identity(), https.clientCa().stream().toList(), https.reloadEvery());
    return new HttpsListener(context, https.clientCa().isPresent());
  }

  /**
   * What one caller is served by: a user stages in its own area, anyone else (anonymous, with
   * security off) in the shared one.
   */
  private static CallerSession session(
      FileSystemUseCase fs,
      Principal principal,
      GatewaySettings settings,
      Clock clock,
      SecureRandom random) {
    Optional<DfsPath> area =
        principal instanceof Principal.User user ? UploadAreas.of(user.name()) : Optional.empty();
    MultipartSettings multipart =
        area.map(
                a ->
                    MultipartSettings.inArea(
                        a,
                        settings.multipartMaxParts(),
                        settings.maxUploadBytes(),
                        settings.uploadExpiry()))
            .orElseGet(() -> shared(settings));
    UploadUseCase uploads = ClientServices.uploads(fs, multipart.staging(), random);
    return new CallerSession(
        fs, uploads, ClientServices.multipartUploads(fs, multipart, clock, random));
  }

  private static MultipartSettings shared(GatewaySettings settings) {
    return MultipartSettings.reserved(
        settings.multipartMaxParts(), settings.maxUploadBytes(), settings.uploadExpiry());
  }

  public int port() {
    return gateway.port();
  }

  /**
   * Removes abandoned multipart uploads and PUT staged files now (the janitor also does it
   * periodically).
   */
  public int expireAbandonedUploads() {
    return expireNow.getAsInt();
  }

  @Override
  public void close() {
    try {
      janitor.close();
      gateway.close();
    } finally {
      closeAll(owned);
    }
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing the rest matters more than this one's complaint.
      }
    }
  }
}
