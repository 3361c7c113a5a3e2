package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.domain.file.FileId;
import java.util.function.Supplier;

/** A stream of {@link InMemoryFileSystem}: its chunk size and inode as a real stream answers. */
abstract class InMemoryOutput extends DfsOutput {
  private final Supplier<FileId> fileId;

  InMemoryOutput(Supplier<FileId> fileId) {
    this.fileId = fileId;
  }

  @Override
  public long chunkSize() {
    return InMemoryFileSystem.CHUNK_SIZE;
  }

  @Override
  public FileId fileId() {
    return fileId.get();
  }
}
