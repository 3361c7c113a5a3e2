package io.godfs.adapters.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.godfs.api.v1.FileType;
import io.godfs.api.v1.ListNamesResponse;
import io.godfs.domain.file.NameListing;

/**
 * A page of names (ADR 0033) on the wire: the packed names as one bytes field, one byte of type
 * each (the proto FileType's number) and the packed file ids, so that a 10,000-name page is three
 * arrays rather than 10,000 messages or strings.
 */
@SuppressWarnings(
    "checkstyle:InlineFullyQualifiedName") // both FileTypes, the wire's and the domain's
final class NameListingMapper {
  private static final io.godfs.domain.file.FileType[] DOMAIN =
      io.godfs.domain.file.FileType.values();

  private NameListingMapper() {}

  static ListNamesResponse toProto(NameListing listing) {
    byte[] ordinals = listing.packedTypes();
    byte[] types = new byte[ordinals.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = (byte) ProtoMapper.typeOf(DOMAIN[ordinals[i]]).getNumber();
    }
    ListNamesResponse.Builder b =
        ListNamesResponse.newBuilder()
            // The page's array is never changed: wrapped, not copied.
            .setNames(UnsafeByteOperations.unsafeWrap(listing.packedNames()))
            .setTypes(UnsafeByteOperations.unsafeWrap(types))
            .setHasMore(listing.hasMore());
    for (long id : listing.packedFileIds()) {
      b.addFileIds(id);
    }
    return b.build();
  }

  /** A reply whose fields disagree is a broken master: refused, naming how, not guessed at. */
  static NameListing toDomain(ListNamesResponse r) {
    ByteString wire = r.getTypes();
    byte[] types = new byte[wire.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = (byte) ProtoMapper.typeOf(wireType(wire.byteAt(i))).ordinal();
    }
    long[] ids = new long[r.getFileIdsCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = r.getFileIds(i);
    }
    try {
      return new NameListing(r.getNames().toByteArray(), types, ids, r.getHasMore());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a broken ListNames answer: " + e.getMessage(), e);
    }
  }

  /** A number this client does not know reads as a file, as in a status ({@link ProtoMapper}). */
  private static FileType wireType(byte number) {
    FileType t = FileType.forNumber(number);
    return t == null ? FileType.FILE_TYPE_UNSPECIFIED : t;
  }
}
