package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.MessageLite;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.authority.JoinToken;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NamespaceImage;
import io.godfs.domain.file.NamespaceImageLoader;
import io.godfs.domain.file.SnapshotImage;
import io.godfs.metadata.v1.DirectoryQuota;
import io.godfs.metadata.v1.LinkEntry;
import io.godfs.metadata.v1.QueuedDeletion;
import io.godfs.metadata.v1.RememberedRequest;
import io.godfs.metadata.v1.SnapshotHeader;
import io.godfs.metadata.v1.SnapshotRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The snapshot file: one {@link SnapshotHeader}, then length-delimited {@link SnapshotRecord}s
 * streamed straight from the namespace (no second copy of it in memory), then the remembered
 * requests. Protobuf, never Java serialization (Helidon forbids it JVM-wide, STACK.md). Format 2
 * adds the certificate authority's state (its keys, then its join tokens) after the namespace; a
 * format 1 snapshot loads with an empty one.
 */
final class SnapshotFormat {
  /**
   * 7: hard links (ADR 0028): link records after the kept inodes; a format 6 image has none. 6:
   * POSIX attributes (ADR 0028) in entries, diffs and the header (an older layout loads with the
   * defaults). 5: snapshots (ADR 0025): the next snapshot id in the header, copies in file entries,
   * and the kept inodes, diffs and snapshottable directories after the live entries. 4: delegation
   * keys beside chunk access keys and the certificate authority's records (ADR 0022); 3 (no
   * delegation keys), 2 (chunk keys, no CA) and 1 (neither) are read the same way, as each kind of
   * record simply appears or not.
   */
  static final int FORMAT = 7;

  /** The first layout that may hold delegation keys. */
  static final int FORMAT_WITH_DELEGATION_KEYS = 4;

  /** The first layout, with neither: read, never written. */
  static final int FORMAT_WITHOUT_KEYS = 1;

  private SnapshotFormat() {}

  /**
   * What a snapshot restores: the namespace, the request results, and where in the log it was
   * taken.
   */
  record Loaded(
      Namespace namespace,
      AuthorityState authority,
      RememberedRequests requests,
      long term,
      long index) {}

  static void write(
      Namespace namespace,
      AuthorityState authority,
      RememberedRequests requests,
      long term,
      long index,
      OutputStream out)
      throws IOException {
    try {
      namespace.writeImage(
          new NamespaceImage.Sink() {
            @Override
            public void header(NamespaceImage.Header h) {
              write(
                  SnapshotHeader.newBuilder()
                      .setFormat(FORMAT)
                      .setTerm(term)
                      .setIndex(index)
                      .setNextInodeId(h.nextInodeId())
                      .setNextChunkId(h.nextChunkId())
                      .setRootCreated(toProto(h.rootCreated()))
                      .setRootModified(toProto(h.rootModified()))
                      .setNextSnapshotId(h.nextSnapshotId())
                      .setRootAttributes(AttributesCodec.encode(h.rootAttributes()))
                      .addAllRootXattrs(AttributesCodec.encode(h.rootXattrs()))
                      .build(),
                  out);
            }

            @Override
            public void entry(NamespaceImage.Entry entry) {
              SnapshotRecord.Builder r = SnapshotRecord.newBuilder();
              switch (entry) {
                case NamespaceImage.DirectoryEntry d ->
                    r.setDirectory(ImageRecordCodec.directory(d));
                case NamespaceImage.FileEntry f -> r.setFile(ImageRecordCodec.file(f));
              }
              write(r.build(), out);
            }

            @Override
            public void kept(SnapshotImage.Kept kept) {
              write(ImageRecordCodec.kept(kept), out);
            }

            @Override
            public void diff(SnapshotImage.Diff diff) {
              write(ImageRecordCodec.diff(diff), out);
            }

            @Override
            public void link(NamespaceImage.Link link) {
              write(
                  SnapshotRecord.newBuilder()
                      .setLink(
                          LinkEntry.newBuilder()
                              .setDirectoryId(link.directoryId())
                              .setName(link.name())
                              .setInodeId(link.inodeId()))
                      .build(),
                  out);
            }

            @Override
            public void snapshots(SnapshotImage.Root root) {
              write(ImageRecordCodec.root(root), out);
            }

            @Override
            public void quota(NamespaceImage.Quota quota) {
              write(
                  SnapshotRecord.newBuilder()
                      .setQuota(
                          DirectoryQuota.newBuilder()
                              .setDirectoryId(quota.directoryId())
                              .setNameQuota(quota.nameQuota())
                              .setSpaceQuota(quota.spaceQuota()))
                      .build(),
                  out);
            }

            @Override
            public void queued(NamespaceImage.QueuedDeletion q) {
              write(
                  SnapshotRecord.newBuilder()
                      .setQueued(
                          QueuedDeletion.newBuilder()
                              .setChunkId(q.chunk().value())
                              .setQueuedAt(toProto(q.queuedAt())))
                      .build(),
                  out);
            }
          });
      for (ChunkAccessKey key : namespace.chunkAccessKeys().all()) {
        write(
            SnapshotRecord.newBuilder().setChunkAccessKey(AccessKeyCodec.encode(key)).build(), out);
      }
      for (ChunkAccessKey key : namespace.delegationKeys().all()) {
        write(
            SnapshotRecord.newBuilder().setDelegationKey(AccessKeyCodec.encode(key)).build(), out);
      }
      authority
          .keys()
          .ifPresent(
              k ->
                  write(
                      SnapshotRecord.newBuilder().setAuthority(AuthorityCodec.keys(k)).build(),
                      out));
      for (JoinToken t : authority.tokens()) {
        write(SnapshotRecord.newBuilder().setJoinToken(AuthorityCodec.token(t)).build(), out);
      }
      requests.forEach(
          (id, result) ->
              write(
                  SnapshotRecord.newBuilder()
                      .setRequest(RememberedRequest.newBuilder().setRequest(id).setResult(result))
                      .build(),
                  out));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static Loaded read(InputStream in) throws IOException {
    SnapshotHeader header = SnapshotHeader.parseDelimitedFrom(in);
    if (header == null) {
      throw new IOException("snapshot is empty: no header");
    }
    if (header.getFormat() < FORMAT_WITHOUT_KEYS || header.getFormat() > FORMAT) {
      throw new IOException(
          "snapshot format "
              + header.getFormat()
              + " is not supported (expected: "
              + FORMAT_WITHOUT_KEYS
              + " to "
              + FORMAT
              + ")");
    }
    List<ChunkAccessKey> accessKeys = new ArrayList<>();
    List<ChunkAccessKey> delegationKeys = new ArrayList<>();
    NamespaceImageLoader loader = NamespaceImage.loader();
    loader.header(
        new NamespaceImage.Header(
            header.getNextInodeId(),
            header.getNextChunkId(),
            fromProto(header.getRootCreated()),
            fromProto(header.getRootModified()),
            Math.max(1, header.getNextSnapshotId()),
            AttributesCodec.decode(header.hasRootAttributes(), header.getRootAttributes()),
            AttributesCodec.decode(header.getRootXattrsList())));
    RememberedRequests requests = new RememberedRequests();
    Optional<AuthorityKeys> keys = Optional.empty();
    List<JoinToken> tokens = new ArrayList<>();
    try {
      for (SnapshotRecord r = SnapshotRecord.parseDelimitedFrom(in);
          r != null;
          r = SnapshotRecord.parseDelimitedFrom(in)) {
        switch (r.getKindCase()) {
          case DIRECTORY -> loader.entry(ImageRecordCodec.directory(r.getDirectory()));
          case FILE -> loader.entry(ImageRecordCodec.file(r.getFile()));
          case KEPT -> loader.kept(ImageRecordCodec.kept(r.getKept()));
          case FILE_STATE -> loader.diff(ImageRecordCodec.fileState(r.getFileState()));
          case DIRECTORY_CHANGES ->
              loader.diff(ImageRecordCodec.directoryChanges(r.getDirectoryChanges()));
          case MARKS -> loader.diff(ImageRecordCodec.marks(r.getMarks()));
          case LINK ->
              loader.link(
                  new NamespaceImage.Link(
                      r.getLink().getDirectoryId(),
                      r.getLink().getName(),
                      r.getLink().getInodeId()));
          case SNAPSHOT_ROOT -> loader.snapshots(ImageRecordCodec.root(r.getSnapshotRoot()));
          case QUOTA ->
              loader.quota(
                  new NamespaceImage.Quota(
                      r.getQuota().getDirectoryId(),
                      r.getQuota().getNameQuota(),
                      r.getQuota().getSpaceQuota()));
          case QUEUED ->
              loader.queued(
                  new NamespaceImage.QueuedDeletion(
                      new ChunkId(r.getQueued().getChunkId()),
                      fromProto(r.getQueued().getQueuedAt())));
          case REQUEST ->
              requests.remember(r.getRequest().getRequest(), r.getRequest().getResult());
          case CHUNK_ACCESS_KEY -> {
            if (header.getFormat() == FORMAT_WITHOUT_KEYS) {
              throw new IOException("snapshot format 1 holds a chunk access key (expected: none)");
            }
            accessKeys.add(AccessKeyCodec.decode(r.getChunkAccessKey()));
          }
          case DELEGATION_KEY -> {
            if (header.getFormat() < FORMAT_WITH_DELEGATION_KEYS) {
              throw new IOException(
                  "snapshot format "
                      + header.getFormat()
                      + " holds a delegation key (expected: none)");
            }
            delegationKeys.add(AccessKeyCodec.decode(r.getDelegationKey()));
          }
          case AUTHORITY -> keys = Optional.of(AuthorityCodec.keys(r.getAuthority()));
          case JOIN_TOKEN -> tokens.add(AuthorityCodec.token(r.getJoinToken()));
          case KIND_NOT_SET ->
              throw new IOException(
                  "snapshot record of an unknown kind (written by a newer version?)");
        }
      }
      Namespace namespace = loader.finish();
      accessKeys.forEach(namespace.chunkAccessKeys()::restore);
      delegationKeys.forEach(namespace.delegationKeys()::restore);
      return new Loaded(
          namespace,
          AuthorityState.restore(keys, tokens),
          requests,
          header.getTerm(),
          header.getIndex());
    } catch (IllegalArgumentException e) {
      throw new IOException("snapshot is inconsistent: " + e.getMessage(), e);
    }
  }

  private static void write(MessageLite message, OutputStream out) {
    try {
      message.writeDelimitedTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
