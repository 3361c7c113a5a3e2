package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.access.UploadAreas;
import io.godfs.domain.file.FileStatus;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Expires the abandoned uploads of every user's own area ({@link UploadAreas#USERS}), which a
 * gateway acting for its callers leaves behind: the janitor's round over all of them, run with the
 * gateway's own identity (it needs {@code read} and {@code delete} on {@code /.godfs/users}).
 */
final class UserUploadsSweep {
  private final FileSystemUseCase fs;
  private final MultipartSettings shape;
  private final Clock clock;
  private final RandomGenerator random;

  /** {@code shape}: the limits and expiry each user's uploads were made with. */
  UserUploadsSweep(
      FileSystemUseCase fs, MultipartSettings shape, Clock clock, RandomGenerator random) {
    this.fs = fs;
    this.shape = shape;
    this.clock = clock;
    this.random = random;
  }

  /** Removes what has expired in every user's area; returns how many uploads and files. */
  int expireAbandoned() {
    int removed = 0;
    for (FileStatus area : MultipartUploadService.entriesOrEmpty(fs, UploadAreas.USERS)) {
      MultipartSettings settings =
          MultipartSettings.inArea(
              area.path(), shape.maxParts(), shape.maxPartBytes(), shape.expiry());
      removed += ClientServices.multipartUploads(fs, settings, clock, random).expireAbandoned();
    }
    return removed;
  }
}
