package io.godfs.application.service;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.MasterClient;

/** Builds the client-side file system use case over the master and chunkserver transports. */
public final class ClientServices {
  private ClientServices() {}

  public static FileSystemUseCase fileSystem(
      MasterClient master, ChunkPipeline pipeline, ChunkFetcher fetcher, ClientSettings settings) {
    return new FileSystemService(master, pipeline, fetcher, settings);
  }
}
