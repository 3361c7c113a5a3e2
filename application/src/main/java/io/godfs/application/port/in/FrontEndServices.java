package io.godfs.application.port.in;

import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
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

  /**
   * A delegation token (ADR 0022) for the holder of {@code credential}, asked of the cluster as
   * that holder: what a presigned URL carries. A front end over one file system (security off) has
   * no one to ask: CONFLICT.
   *
   * @throws io.godfs.domain.error.DfsException PERMISSION_DENIED naming the permission and path
   *     when the holder does not hold it, UNAUTHENTICATED, CONFLICT
   */
  default DelegationUseCase.Issued delegate(
      Optional<String> credential,
      DfsPath path,
      Delegation.Operation operation,
      long contentLength,
      Duration lifetime) {
    throw new DfsException(
        ErrorCode.CONFLICT,
        "this gateway serves one file system and cannot ask a cluster for delegation tokens:"
            + " presigned URLs need GODFS_GATEWAY_PRESIGN_KEYS here");
  }

  /**
   * The claims of the delegation token {@code token}, read without checking its signature (the
   * masters check it when it is presented): what a front end checks first (path, method, expiry,
   * length). Empty when it is not a well-formed token, or this front end knows none.
   */
  default Optional<DelegationToken> readDelegation(String token) {
    return Optional.empty();
  }

  /**
   * The cluster's admin API as the holder of {@code credential} asks it (the web console, ADR
   * 0023): the masters authorize that holder as they authorize the CLI's {@code godfs admin}. A
   * front end over one file system has no cluster to ask: CONFLICT.
   *
   * @throws io.godfs.domain.error.DfsException CONFLICT when there is no cluster behind this front
   *     end
   */
  default AdminClient admin(Optional<String> credential) {
    throw new DfsException(
        ErrorCode.CONFLICT,
        "this gateway serves one file system and has no cluster admin API to ask");
  }

  /**
   * The admin API as the front end itself (its own credential), for the figures it samples on its
   * own (the console's throughput history); empty when it has no cluster or no credential of its
   * own. Its masters may still refuse it when that credential is not an admin's.
   */
  default Optional<AdminClient> ownAdmin() {
    return Optional.empty();
  }

  /** One front end for one caller, whatever it holds. */
  static FrontEndServices sharedBy(CallerSession everyone) {
    return credential -> everyone;
  }

  /** The use cases one caller is served by. */
  record CallerSession(
      FileSystemUseCase fs, UploadUseCase uploads, MultipartUploadUseCase multipart) {}
}
