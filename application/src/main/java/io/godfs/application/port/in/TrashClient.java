package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.util.Optional;

/**
 * The master's trash as a remote client reaches it ({@link TrashUseCase} over the wire, ADR 0024),
 * implemented by the gRPC adapter. The caller is whoever the connection's credential names. Every
 * method throws {@link io.godfs.domain.error.DfsException} with the master's refusal, as {@link
 * FileSystemUseCase} does.
 */
public interface TrashClient {

  /** Deletes {@code path}, saying whether the master removed it or moved it to its trash. */
  Deletion delete(DfsPath path, boolean recursive);

  /** One page of the trash ({@link TrashUseCase#list}). */
  TrashPage list(String startAfter, int limit);

  /** Puts a deleted path back ({@link TrashUseCase#restore}); returns its status. */
  FileStatus restore(DfsPath path, Optional<TrashEntry.Id> entry);
}
