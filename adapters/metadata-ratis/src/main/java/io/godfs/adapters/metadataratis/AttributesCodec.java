package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.Ownership;
import io.godfs.metadata.v1.Attributes;
import io.godfs.metadata.v1.SetAttributes;
import io.godfs.metadata.v1.TimeChange;
import java.util.OptionalInt;

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
            fromProto(a.getChanged()))
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
