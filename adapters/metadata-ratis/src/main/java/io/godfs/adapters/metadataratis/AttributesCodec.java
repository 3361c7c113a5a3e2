package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.ByteString;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.metadata.v1.Attributes;
import io.godfs.metadata.v1.CreateSymlink;
import io.godfs.metadata.v1.MakeNode;
import io.godfs.metadata.v1.RemoveXattr;
import io.godfs.metadata.v1.SetAttributes;
import io.godfs.metadata.v1.SetXattr;
import io.godfs.metadata.v1.TimeChange;
import io.godfs.metadata.v1.Xattr;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * POSIX attributes (ADR 0028) to and from their log and image form: an inode's attributes, a
 * creator's ownership and the {@code SetAttributes} command. An absent message (a log entry or
 * image from before ADR 0028) decodes to null, which the namespace reads as the defaults.
 */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName") // two Ownership types: the log's, ours
final class AttributesCodec {
  private AttributesCodec() {}

  static Attributes encode(InodeAttributes a) {
    return Attributes.newBuilder()
        .setOwner(a.owner())
        .setGroup(a.group())
        .setMode(a.mode())
        .setAccessed(toProto(a.accessed()))
        .setChanged(toProto(a.changed()))
        .setDevice(a.device())
        .build();
  }

  /** Null when {@code present} is false (the field was absent). */
  static InodeAttributes decode(boolean present, Attributes a) {
    return present
        ? new InodeAttributes(
            a.getOwner(),
            a.getGroup(),
            a.getMode(),
            fromProto(a.getAccessed()),
            fromProto(a.getChanged()),
            a.getDevice())
        : null;
  }

  static io.godfs.metadata.v1.Ownership encode(Ownership o) {
    return io.godfs.metadata.v1.Ownership.newBuilder()
        .setOwner(o.owner())
        .setGroup(o.group())
        .setMode(o.mode())
        .build();
  }

  static Ownership decode(boolean present, io.godfs.metadata.v1.Ownership o) {
    return present ? new Ownership(o.getOwner(), o.getGroup(), o.getMode()) : null;
  }

  static List<Xattr> encode(Xattrs xattrs) {
    List<Xattr> out = new ArrayList<>();
    xattrs
        .asMap()
        .forEach(
            (name, value) ->
                out.add(
                    Xattr.newBuilder().setName(name).setValue(ByteString.copyFrom(value)).build()));
    return out;
  }

  static Xattrs decode(List<Xattr> xattrs) {
    if (xattrs.isEmpty()) {
      return Xattrs.NONE;
    }
    TreeMap<String, byte[]> values = new TreeMap<>();
    xattrs.forEach(x -> values.put(x.getName(), x.getValue().toByteArray()));
    return Xattrs.of(values);
  }

  static SetXattr encode(NamespaceCommand.SetXattr c) {
    return SetXattr.newBuilder()
        .setPath(c.path().toString())
        .setName(c.name())
        .setValue(ByteString.copyFrom(c.value()))
        .setMode(c.mode().ordinal())
        .setAt(toProto(c.at()))
        .build();
  }

  static NamespaceCommand.SetXattr decode(SetXattr m) {
    XattrMode[] modes = XattrMode.values();
    if (m.getMode() < 0 || m.getMode() >= modes.length) {
      throw new IllegalArgumentException("setxattr mode " + m.getMode() + " is unknown");
    }
    return new NamespaceCommand.SetXattr(
        new DfsPath(m.getPath()),
        m.getName(),
        m.getValue().toByteArray(),
        modes[m.getMode()],
        fromProto(m.getAt()));
  }

  static CreateSymlink encode(NamespaceCommand.CreateSymlink c) {
    CreateSymlink.Builder m =
        CreateSymlink.newBuilder()
            .setPath(c.path().toString())
            .setTarget(c.target())
            .setAt(toProto(c.at()));
    if (c.ownership() != null) {
      m.setOwnership(encode(c.ownership()));
    }
    return m.build();
  }

  static NamespaceCommand.CreateSymlink decode(CreateSymlink m) {
    return new NamespaceCommand.CreateSymlink(
        new DfsPath(m.getPath()),
        m.getTarget(),
        decode(m.hasOwnership(), m.getOwnership()),
        fromProto(m.getAt()));
  }

  static MakeNode encode(NamespaceCommand.MakeNode c) {
    MakeNode.Builder m =
        MakeNode.newBuilder()
            .setPath(c.path().toString())
            .setKind(kind(c.kind()))
            .setDevice(c.device())
            .setAt(toProto(c.at()));
    if (c.ownership() != null) {
      m.setOwnership(encode(c.ownership()));
    }
    return m.build();
  }

  static NamespaceCommand.MakeNode decode(MakeNode m) {
    return new NamespaceCommand.MakeNode(
        new DfsPath(m.getPath()),
        kind(m.getKind()),
        m.getDevice(),
        decode(m.hasOwnership(), m.getOwnership()),
        fromProto(m.getAt()));
  }

  /**
   * A file entry's kind: 0 a regular file, 1 a symbolic link, 2 a FIFO, 3 a character device, 4 a
   * block device, 5 a socket (ADR 0028).
   */
  static int kind(FileType kind) {
    return switch (kind) {
      case FILE -> 0;
      case SYMLINK -> 1;
      case FIFO -> 2;
      case CHARACTER_DEVICE -> 3;
      case BLOCK_DEVICE -> 4;
      case SOCKET -> 5;
      case DIRECTORY -> throw new IllegalArgumentException("a directory is no file entry");
    };
  }

  static FileType kind(int kind) {
    return switch (kind) {
      case 0 -> FileType.FILE;
      case 1 -> FileType.SYMLINK;
      case 2 -> FileType.FIFO;
      case 3 -> FileType.CHARACTER_DEVICE;
      case 4 -> FileType.BLOCK_DEVICE;
      case 5 -> FileType.SOCKET;
      default -> throw new IllegalArgumentException("file entry kind " + kind + " is unknown");
    };
  }

  static RemoveXattr encode(NamespaceCommand.RemoveXattr c) {
    return RemoveXattr.newBuilder()
        .setPath(c.path().toString())
        .setName(c.name())
        .setAt(toProto(c.at()))
        .build();
  }

  static NamespaceCommand.RemoveXattr decode(RemoveXattr m) {
    return new NamespaceCommand.RemoveXattr(
        new DfsPath(m.getPath()), m.getName(), fromProto(m.getAt()));
  }

  static SetAttributes encode(NamespaceCommand.SetAttributes c) {
    AttributeChange change = c.change();
    SetAttributes.Builder m =
        SetAttributes.newBuilder()
            .setPath(c.path().toString())
            .setAccessed(encode(change.accessed()))
            .setModified(encode(change.modified()))
            .setAt(toProto(c.at()));
    change.owner().ifPresent(m::setOwner);
    change.group().ifPresent(m::setGroup);
    change.mode().ifPresent(m::setMode);
    return m.build();
  }

  static NamespaceCommand.SetAttributes decode(SetAttributes m) {
    return new NamespaceCommand.SetAttributes(
        new DfsPath(m.getPath()),
        new AttributeChange(
            m.hasOwner() ? OptionalInt.of(m.getOwner()) : OptionalInt.empty(),
            m.hasGroup() ? OptionalInt.of(m.getGroup()) : OptionalInt.empty(),
            m.hasMode() ? OptionalInt.of(m.getMode()) : OptionalInt.empty(),
            decode(m.getAccessed()),
            decode(m.getModified())),
        fromProto(m.getAt()));
  }

  private static TimeChange encode(AttributeChange.TimeChange t) {
    return switch (t) {
      case AttributeChange.Keep k -> TimeChange.getDefaultInstance();
      case AttributeChange.Now n -> TimeChange.newBuilder().setNow(true).build();
      case AttributeChange.At a -> TimeChange.newBuilder().setAt(toProto(a.at())).build();
    };
  }

  private static AttributeChange.TimeChange decode(TimeChange t) {
    return switch (t.getKindCase()) {
      case NOW -> AttributeChange.TimeChange.NOW;
      case AT -> new AttributeChange.At(fromProto(t.getAt()));
      case KIND_NOT_SET -> AttributeChange.TimeChange.KEEP;
    };
  }
}
