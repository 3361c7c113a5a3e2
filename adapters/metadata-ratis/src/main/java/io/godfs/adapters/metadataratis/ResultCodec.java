package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.JoinGrant;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocation;
import io.godfs.domain.file.ChunkCopy;
import io.godfs.domain.file.CreatedFile;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.QuotaUsage;
import io.godfs.domain.file.Removed;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.file.Truncated;
import io.godfs.metadata.v1.CommandResult;
import io.godfs.metadata.v1.Rejection;

/**
 * A command's outcome to and from the bytes the applying replica returns: the leader answers its
 * caller with them, and remembers them for request-id deduplication.
 */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class ResultCodec {
  private ResultCodec() {}

  static CommandResult encode(Outcome<?> outcome) {
    CommandResult.Builder b = CommandResult.newBuilder();
    switch (outcome) {
      case Outcome.Rejected<?> r ->
          b.setRejected(
              Rejection.newBuilder()
                  .setCode(r.error().code().name())
                  .setMessage(r.error().message()));
      case Outcome.Ok<?> ok -> {
        switch (ok.value()) {
          case FileStatus s -> b.setFileStatus(status(s));
          case CreatedFile c ->
              b.setCreatedFile(
                  io.godfs.metadata.v1.CreatedFile.newBuilder()
                      .setStatus(status(c.status()))
                      .setReplaced(removed(c.replaced())));
          case Removed r -> b.setRemoved(removed(r));
          case Truncated t ->
              b.setTruncated(
                  io.godfs.metadata.v1.Truncated.newBuilder()
                      .setStatus(status(t.status()))
                      .setReleased(removed(t.released())));
          case ChunkAllocation a -> {
            var m =
                io.godfs.metadata.v1.ChunkAllocation.newBuilder()
                    .setChunkId(a.chunkId().value())
                    .setVersion(a.version().value())
                    .setCommittedVersion(a.committedVersion().value())
                    .setFresh(a.fresh())
                    .setCommittedLength(a.committedLength())
                    .setReplication(a.replication())
                    .setChunkSize(a.chunkSize());
            if (a.copyOf() != null) {
              m.setCopyOf(copy(a.copyOf()));
            }
            b.setChunkAllocation(m);
          }
          case Long l -> b.setLongValue(l);
          case Integer i -> b.setIntValue(i);
          case AuthorityKeys k -> b.setAuthorityKeys(AuthorityCodec.keys(k));
          case JoinGrant g -> b.setJoinGrant(AuthorityCodec.grant(g));
          case QuotaUsage q ->
              b.setQuotaUsage(
                  io.godfs.metadata.v1.QuotaUsage.newBuilder()
                      .setPath(q.path().toString())
                      .setNameQuota(q.nameQuota())
                      .setNames(q.names())
                      .setSpaceQuota(q.spaceQuota())
                      .setSpace(q.space()));
          case SnapshotInfo i ->
              b.setSnapshotInfo(
                  io.godfs.metadata.v1.SnapshotInfo.newBuilder()
                      .setDirectory(i.directory().toString())
                      .setName(i.name())
                      .setId(i.id())
                      .setCreated(toProto(i.created())));
          default ->
              throw new IllegalArgumentException(
                  "no log format for a command result of type " + ok.value().getClass().getName());
        }
      }
    }
    return b.build();
  }

  static Outcome<Object> decode(CommandResult result) {
    return switch (result.getKindCase()) {
      case REJECTED ->
          Outcome.rejected(
              errorCode(result.getRejected().getCode()), result.getRejected().getMessage());
      case FILE_STATUS -> Outcome.ok(status(result.getFileStatus()));
      case CREATED_FILE ->
          Outcome.ok(
              new CreatedFile(
                  status(result.getCreatedFile().getStatus()),
                  removed(result.getCreatedFile().getReplaced())));
      case REMOVED -> Outcome.ok(removed(result.getRemoved()));
      case TRUNCATED ->
          Outcome.ok(
              new Truncated(
                  status(result.getTruncated().getStatus()),
                  removed(result.getTruncated().getReleased())));
      case CHUNK_ALLOCATION -> {
        var a = result.getChunkAllocation();
        yield Outcome.ok(
            new ChunkAllocation(
                new ChunkId(a.getChunkId()),
                new ChunkVersion(a.getVersion()),
                new ChunkVersion(a.getCommittedVersion()),
                a.getFresh(),
                a.getCommittedLength(),
                a.getReplication(),
                a.getChunkSize(),
                a.hasCopyOf()
                    ? new ChunkCopy(
                        new ChunkId(a.getCopyOf().getSource()),
                        new ChunkVersion(a.getCopyOf().getVersion()),
                        a.getCopyOf().getLength())
                    : null));
      }
      case QUOTA_USAGE -> {
        var q = result.getQuotaUsage();
        yield Outcome.ok(
            new QuotaUsage(
                new DfsPath(q.getPath()),
                q.getNameQuota(),
                q.getNames(),
                q.getSpaceQuota(),
                q.getSpace()));
      }
      case SNAPSHOT_INFO -> {
        var i = result.getSnapshotInfo();
        yield Outcome.ok(
            new SnapshotInfo(
                new DfsPath(i.getDirectory()), i.getName(), i.getId(), fromProto(i.getCreated())));
      }
      case LONG_VALUE -> Outcome.ok(result.getLongValue());
      case INT_VALUE -> Outcome.ok(result.getIntValue());
      case AUTHORITY_KEYS -> Outcome.ok(AuthorityCodec.keys(result.getAuthorityKeys()));
      case JOIN_GRANT -> Outcome.ok(AuthorityCodec.grant(result.getJoinGrant()));
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("command result holds nothing (unknown kind?)");
    };
  }

  /** A code written by a newer version is still a refusal here, not a crash. */
  private static ErrorCode errorCode(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.CONFLICT;
    }
  }

  private static io.godfs.metadata.v1.FileStatus status(FileStatus s) {
    return io.godfs.metadata.v1.FileStatus.newBuilder()
        .setPath(s.path().toString())
        .setDirectory(s.isDirectory())
        .setFileId(s.fileId().value())
        .setLength(s.length())
        .setCreated(toProto(s.creationTime()))
        .setModified(toProto(s.modificationTime()))
        .setChunkSize(s.chunkSize())
        .setReplication(s.replication())
        .setChunkCount(s.chunkCount())
        .setInline(s.inline())
        .setAttributes(AttributesCodec.encode(s.attributes()))
        .setType(s.type().ordinal() + 1)
        .setLinks(s.links())
        .build();
  }

  private static FileStatus status(io.godfs.metadata.v1.FileStatus s) {
    return new FileStatus(
        new DfsPath(s.getPath()),
        type(s),
        new FileId(s.getFileId()),
        s.getLength(),
        fromProto(s.getCreated()),
        fromProto(s.getModified()),
        s.getChunkSize(),
        s.getReplication(),
        s.getChunkCount(),
        s.getInline(),
        s.hasAttributes()
            ? AttributesCodec.decode(true, s.getAttributes())
            : InodeAttributes.defaults(
                s.getDirectory() ? FileType.DIRECTORY : FileType.FILE, fromProto(s.getModified())),
        s.getLinks() > 0 ? s.getLinks() : s.getDirectory() ? 2 : 1);
  }

  private static io.godfs.metadata.v1.ChunkCopy copy(ChunkCopy c) {
    return io.godfs.metadata.v1.ChunkCopy.newBuilder()
        .setSource(c.source().value())
        .setVersion(c.version().value())
        .setLength(c.length())
        .build();
  }

  private static io.godfs.metadata.v1.Removed removed(Removed r) {
    return io.godfs.metadata.v1.Removed.newBuilder()
        .setFiles(r.files())
        .addAllChunks(r.chunks().stream().map(ChunkId::value).toList())
        .build();
  }

  private static Removed removed(io.godfs.metadata.v1.Removed r) {
    return new Removed(r.getFiles(), r.getChunksList().stream().map(ChunkId::new).toList());
  }

  /** The status's type: recorded since ADR 0028, else told by the directory flag. */
  private static FileType type(io.godfs.metadata.v1.FileStatus s) {
    if (s.getType() > 0 && s.getType() <= FileType.values().length) {
      return FileType.values()[s.getType() - 1];
    }
    return s.getDirectory() ? FileType.DIRECTORY : FileType.FILE;
  }
}
