package io.godfs.adapters.grpc;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.Attributes;
import io.godfs.api.v1.GetXattrsResponse;
import io.godfs.api.v1.SetAttributesRequest;
import io.godfs.api.v1.Time;
import io.godfs.api.v1.TimeChange;
import io.godfs.api.v1.Xattr;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * POSIX attributes (ADR 0028) on the wire: a status's owner, group, mode and four exact times, a
 * creator's ownership, and a change of them.
 */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName") // two Ownership types: the wire's, ours
final class AttributesMapper {
  private AttributesMapper() {}

  static Time time(Instant t) {
    return Time.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  static Instant instant(Time t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Attributes toProto(FileStatus s) {
    InodeAttributes a = s.attributes();
    return Attributes.newBuilder()
        .setOwner(a.owner())
        .setGroup(a.group())
        .setMode(a.mode())
        .setAccessed(time(a.accessed()))
        .setChanged(time(a.changed()))
        .setCreated(time(s.creationTime()))
        .setModified(time(s.modificationTime()))
        .setDevice(a.device())
        .build();
  }

  static InodeAttributes toDomain(Attributes a) {
    return new InodeAttributes(
        a.getOwner(),
        a.getGroup(),
        a.getMode(),
        instant(a.getAccessed()),
        instant(a.getChanged()),
        a.getDevice());
  }

  static io.godfs.api.v1.Ownership toProto(Ownership o) {
    return io.godfs.api.v1.Ownership.newBuilder()
        .setOwner(o.owner())
        .setGroup(o.group())
        .setMode(o.mode())
        .build();
  }

  /** Null when the request carried none (the master's defaults). */
  static Ownership toDomain(boolean present, io.godfs.api.v1.Ownership o) {
    return present ? new Ownership(o.getOwner(), o.getGroup(), o.getMode()) : null;
  }

  static SetAttributesRequest toProto(DfsPath path, AttributeChange change) {
    SetAttributesRequest.Builder r =
        SetAttributesRequest.newBuilder()
            .setPath(path.value())
            .setAccessed(toProto(change.accessed()))
            .setModified(toProto(change.modified()));
    change.owner().ifPresent(r::setOwner);
    change.group().ifPresent(r::setGroup);
    change.mode().ifPresent(r::setMode);
    return r.build();
  }

  static AttributeChange toDomain(SetAttributesRequest r) {
    return new AttributeChange(
        r.hasOwner() ? OptionalInt.of(r.getOwner()) : OptionalInt.empty(),
        r.hasGroup() ? OptionalInt.of(r.getGroup()) : OptionalInt.empty(),
        r.hasMode() ? OptionalInt.of(r.getMode()) : OptionalInt.empty(),
        toDomain(r.getAccessed()),
        toDomain(r.getModified()));
  }

  static GetXattrsResponse toProto(Xattrs xattrs) {
    GetXattrsResponse.Builder r = GetXattrsResponse.newBuilder();
    xattrs
        .asMap()
        .forEach(
            (name, value) ->
                r.addXattrs(Xattr.newBuilder().setName(name).setValue(ByteString.copyFrom(value))));
    return r.build();
  }

  static Xattrs xattrs(GetXattrsResponse r) {
    TreeMap<String, byte[]> values = new TreeMap<>();
    r.getXattrsList().forEach(x -> values.put(x.getName(), x.getValue().toByteArray()));
    return Xattrs.of(values);
  }

  /** A setxattr mode from the wire; an unknown one is a bad request. */
  static XattrMode xattrMode(int mode) {
    XattrMode[] modes = XattrMode.values();
    if (mode < 0 || mode >= modes.length) {
      throw new IllegalArgumentException(
          "mode : " + mode + " (expected: 0 either, 1 create, 2 replace)");
    }
    return modes[mode];
  }

  private static TimeChange toProto(AttributeChange.TimeChange t) {
    return switch (t) {
      case AttributeChange.Keep k -> TimeChange.getDefaultInstance();
      case AttributeChange.Now n -> TimeChange.newBuilder().setNow(true).build();
      case AttributeChange.At a -> TimeChange.newBuilder().setAt(time(a.at())).build();
    };
  }

  private static AttributeChange.TimeChange toDomain(TimeChange t) {
    return switch (t.getKindCase()) {
      case NOW -> AttributeChange.TimeChange.NOW;
      case AT -> new AttributeChange.At(instant(t.getAt()));
      case KIND_NOT_SET -> AttributeChange.TimeChange.KEEP;
    };
  }
}
