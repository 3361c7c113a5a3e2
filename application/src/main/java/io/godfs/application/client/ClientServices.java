package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.MasterClient;

/** Builds the client-side file system use case over the master and chunkserver transports. */
public final class ClientServices {
  private ClientServices() {}

  /**
   * {@code clientName} identifies this client to the master as the holder of its write leases:
   * unique per client instance (a second client with the same name could write the same file).
   */
  public static FileSystemUseCase fileSystem(
      MasterClient master, ChunkPipeline pipeline, ChunkFetcher fetcher, ClientSettings settings, String clientName) {
    if (clientName == null || clientName.isBlank()) {
      throw new IllegalArgumentException("clientName : '" + clientName + "' (expected: a unique, non-blank name)");
    }
    return new FileSystemService(master, pipeline, fetcher, settings, clientName);
  }
}
