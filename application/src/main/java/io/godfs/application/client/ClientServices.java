package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.file.DfsPath;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * Builds the client-side use cases: the file system over the master and chunkserver transports, and
 * uploads over it. The uploads' {@code random} draws the staged names and upload ids that other
 * clients must not guess: pass a {@code java.security.SecureRandom} (the SDK and the gateway do; a
 * seeded generator only in tests).
 */
public final class ClientServices {
  private ClientServices() {}

  /**
   * {@code clientName} identifies this client to the master as the holder of its write leases:
   * unique per client instance (a second client with the same name could write the same file).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName) {
    return fileSystem(master, pipeline, fetcher, settings, clientName, ClientIoMeter.NONE);
  }

  /**
   * As above, recording bytes, operations, checksum failures and replica failovers into {@code
   * meter} (a gateway's or a mount's metrics, ADR 0023).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName,
      ClientIoMeter meter) {
    return fileSystem(master, pipeline, fetcher, settings, clientName, meter, Optional.empty());
  }

  /**
   * As above, reaching the master's trash through {@code trash} (ADR 0024): {@link
   * FileSystemUseCase#trash()} answers it and {@link FileSystemUseCase#remove} deletes through it,
   * saying whether the path went to the trash. Empty: the defaults (no trash, a delete's count).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName,
      ClientIoMeter meter,
      Optional<TrashClient> trash) {
    return fileSystem(
        master, pipeline, fetcher, settings, clientName, meter, trash, Optional.empty());
  }

  /**
   * As above, reaching the master's snapshots through {@code snapshots} (ADR 0025): {@link
   * FileSystemUseCase#snapshots()} answers it. Empty: that call is refused (no master to ask).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName,
      ClientIoMeter meter,
      Optional<TrashClient> trash,
      Optional<SnapshotClient> snapshots) {
    return fileSystem(
        master, pipeline, fetcher, settings, clientName, meter, trash, snapshots, Optional.empty());
  }

  /**
   * As above, reaching the master's directory quotas through {@code quotas} (ADR 0026): {@link
   * FileSystemUseCase#quotas()} answers it. Empty: that call is refused (no master to ask).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName,
      ClientIoMeter meter,
      Optional<TrashClient> trash,
      Optional<SnapshotClient> snapshots,
      Optional<QuotaClient> quotas) {
    if (clientName == null || clientName.isBlank()) {
      throw new IllegalArgumentException(
          "clientName : '" + clientName + "' (expected: a unique, non-blank name)");
    }
    return new FileSystemService(
        master,
        pipeline,
        fetcher,
        settings,
        clientName,
        Objects.requireNonNull(meter, "meter"),
        Objects.requireNonNull(trash, "trash"),
        Objects.requireNonNull(snapshots, "snapshots"),
        Objects.requireNonNull(quotas, "quotas"));
  }

  /**
   * Whole-file uploads through {@code fs} that stage beside their targets ({@code
   * .<name>.<id>._COPYING_}, as {@code hdfs dfs -put}): the CLI's put and the SDK's upload.
   */
  public static UploadUseCase uploads(FileSystemUseCase fs, RandomGenerator random) {
    return new UploadService(fs, new StagedWriter(fs, null, random));
  }

  /**
   * Whole-file uploads through {@code fs} that stage in {@code stagingFolder}, swept by the {@link
   * UploadJanitor} of {@link #multipartUploads}: the REST gateway's PUT.
   */
  public static UploadUseCase uploads(
      FileSystemUseCase fs, DfsPath stagingFolder, RandomGenerator random) {
    return new UploadService(fs, new StagedWriter(fs, stagingFolder, random));
  }

  /** Multipart uploads through {@code fs}; {@code clock} dates them for expiry. */
  public static MultipartUploadUseCase multipartUploads(
      FileSystemUseCase fs, MultipartSettings settings, Clock clock, RandomGenerator random) {
    return new MultipartUploadService(
        fs, new StagedWriter(fs, settings.staging(), random), settings, clock, random);
  }

  /**
   * The janitor's round over every user's own upload area (what a gateway acting for its callers
   * leaves), through {@code fs}, which must be allowed to list and delete there; {@code shape}
   * gives the limits and expiry.
   */
  public static IntSupplier userUploadsSweep(
      FileSystemUseCase fs, MultipartSettings shape, Clock clock, RandomGenerator random) {
    return new UserUploadsSweep(fs, shape, clock, random)::expireAbandoned;
  }
}
