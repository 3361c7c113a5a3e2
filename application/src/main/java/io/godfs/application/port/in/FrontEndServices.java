package io.godfs.application.port.in;

import java.util.Optional;

/**
 * What a front end that serves many callers (the REST gateway) serves each of them: the file system
 * and the uploads over it, reaching the cluster with the caller's own credential, so that the
 * master authorizes that caller and never the front end (as HDFS's HttpFS acts as its user).
 */
public interface FrontEndServices {

  /**
   * The services as the holder of {@code credential} (an API key or token, passed on unread; empty:
   * none) sees them. Answering never calls the cluster with a new credential more than once.
   */
  CallerSession forCredential(Optional<String> credential);

  /** One front end for one caller, whatever it holds. */
  static FrontEndServices sharedBy(CallerSession everyone) {
    return credential -> everyone;
  }

  /** The use cases one caller is served by. */
  record CallerSession(
      FileSystemUseCase fs, UploadUseCase uploads, MultipartUploadUseCase multipart) {}
}
