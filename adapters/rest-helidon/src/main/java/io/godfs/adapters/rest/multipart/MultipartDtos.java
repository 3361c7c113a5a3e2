package io.godfs.adapters.rest.multipart;

import io.godfs.application.port.in.UploadPart;
import java.util.List;

/** The JSON records of the multipart endpoints (snake_case on the wire). */
final class MultipartDtos {
  private MultipartDtos() {}

  record InitRequest(String path) {}

  record InitResponse(String uploadId, String path, long expiresAtUnix) {}

  record PartsResponse(String uploadId, String path, List<UploadPart> parts) {}

  record PartRef(Integer partNumber, String etag) {}

  record CompleteRequest(List<PartRef> parts) {}

  record CompleteResponse(String path, long size, String etag) {}
}
