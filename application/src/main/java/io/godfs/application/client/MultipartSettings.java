package io.godfs.application.client;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.domain.access.UploadAreas;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;

/**
 * Where multipart uploads live and what they may hold.
 *
 * @param root one folder per upload under it
 * @param staging where parts and completions are staged before their rename; swept with the uploads
 * @param maxParts part numbers run from 1 to this
 * @param maxPartBytes the longest part
 * @param expiry an upload (and a staged file) this old is deleted by the janitor
 */
public record MultipartSettings(
    DfsPath root, DfsPath staging, int maxParts, long maxPartBytes, Duration expiry) {

  public MultipartSettings {
    if (maxParts < 1 || maxParts > 99_999) {
      throw new IllegalArgumentException(
          "maxParts : " + maxParts + " (expected: 1-99999, five digits in part names)");
    }
    if (maxPartBytes < 1) {
      throw new IllegalArgumentException(
          "maxPartBytes : " + maxPartBytes + " (expected: at least 1)");
    }
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("expiry : " + expiry + " (expected: positive)");
    }
  }

  /** In a user's own upload area ({@link UploadAreas}): a front end acting for that user. */
  public static MultipartSettings inArea(
      DfsPath area, int maxParts, long maxPartBytes, Duration expiry) {
    return new MultipartSettings(
        UploadAreas.multipart(area), UploadAreas.staging(area), maxParts, maxPartBytes, expiry);
  }

  /** In the reserved folder front ends share ({@link ReservedPaths}). */
  public static MultipartSettings reserved(int maxParts, long maxPartBytes, Duration expiry) {
    return new MultipartSettings(
        ReservedPaths.MULTIPART, ReservedPaths.STAGING, maxParts, maxPartBytes, expiry);
  }
}
