package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.ByteString;
import io.godfs.domain.chunk.ChunkAccessKey;

/** Keys of chunk access tokens to and from their log and snapshot form (ADR 0022). */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName") // the domain key and its proto form
final class AccessKeyCodec {
  private AccessKeyCodec() {}

  static io.godfs.metadata.v1.ChunkAccessKey encode(ChunkAccessKey key) {
    return io.godfs.metadata.v1.ChunkAccessKey.newBuilder()
        .setId(key.id())
        .setSecret(ByteString.copyFrom(key.secret()))
        .setCreated(toProto(key.created()))
        .setExpires(toProto(key.expires()))
        .build();
  }

  static ChunkAccessKey decode(io.godfs.metadata.v1.ChunkAccessKey key) {
    return new ChunkAccessKey(
        key.getId(),
        key.getSecret().toByteArray(),
        fromProto(key.getCreated()),
        fromProto(key.getExpires()));
  }
}
