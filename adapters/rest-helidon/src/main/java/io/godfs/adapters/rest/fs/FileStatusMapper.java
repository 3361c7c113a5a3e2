package io.godfs.adapters.rest.fs;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import java.time.Instant;
import java.util.Locale;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/**
 * FileStatus to the JSON records of {@code stat} and {@code list}: renamed fields, Unix seconds,
 * the POSIX attributes (ADR 0028: owner, group, the mode as an integer, octal text and {@code ls}
 * text, the four times as RFC 3339 with nanoseconds, {@link PosixText}) and the ETag. Generated as
 * {@code FileStatusMapperGenerated} (no {@code *Impl} names in this code base).
 *
 * <p>Every derived field goes through a typed {@code @Named} method below, never a Java snippet in
 * an annotation string: javac checks them, and a target left unmapped fails the build ({@code
 * unmappedTargetPolicy = ERROR}). {@code source = "status"} hands the whole parameter to such a
 * method when it needs more than one property (ADR 0007).
 */
@Mapper(implementationName = "<CLASS_NAME>Generated", unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface FileStatusMapper {

  @Mapping(target = "path", source = "path", qualifiedByName = "pathText")
  @Mapping(target = "isDir", source = "status", qualifiedByName = "isDir")
  @Mapping(target = "type", source = "type", qualifiedByName = "typeText")
  @Mapping(
      target = "target",
      ignore = true) // a link's: read by the handler (StatResponse#withTarget)
  @Mapping(target = "size", source = "length")
  @Mapping(target = "mode", source = "status", qualifiedByName = "mode")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "createdAtUnix", source = "creationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "modifiedAt", source = "modificationTime", qualifiedByName = "iso")
  @Mapping(target = "etag", source = "status", qualifiedByName = "etag")
  @Mapping(target = "owner", source = "attributes.owner")
  @Mapping(target = "group", source = "attributes.group")
  @Mapping(target = "modeOctal", source = "status", qualifiedByName = "modeOctal")
  @Mapping(target = "permissions", source = "status", qualifiedByName = "permissions")
  @Mapping(target = "accessedAt", source = "attributes.accessed", qualifiedByName = "iso")
  @Mapping(target = "changedAt", source = "attributes.changed", qualifiedByName = "iso")
  @Mapping(target = "createdAt", source = "creationTime", qualifiedByName = "iso")
  @Mapping(target = "device", source = "status", qualifiedByName = "device")
  @Mapping(target = "links", source = "links")
  StatResponse toStat(FileStatus status);

  @Mapping(target = "name", source = "path", qualifiedByName = "name")
  @Mapping(target = "isDir", source = "status", qualifiedByName = "isDir")
  @Mapping(target = "type", source = "type", qualifiedByName = "typeText")
  @Mapping(target = "size", source = "length")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "mode", source = "status", qualifiedByName = "mode")
  @Mapping(target = "modeOctal", source = "status", qualifiedByName = "modeOctal")
  @Mapping(target = "permissions", source = "status", qualifiedByName = "permissions")
  @Mapping(target = "owner", source = "attributes.owner")
  @Mapping(target = "group", source = "attributes.group")
  @Mapping(target = "accessedAt", source = "attributes.accessed", qualifiedByName = "iso")
  @Mapping(target = "changedAt", source = "attributes.changed", qualifiedByName = "iso")
  @Mapping(target = "createdAt", source = "creationTime", qualifiedByName = "iso")
  @Mapping(target = "modifiedAt", source = "modificationTime", qualifiedByName = "iso")
  @Mapping(target = "links", source = "links")
  ListEntry toEntry(FileStatus status);

  @Named("isDir")
  static boolean isDir(FileStatus s) {
    return s.isDirectory();
  }

  /**
   * {@code "file"}, {@code "directory"}, {@code "symlink"}, {@code "fifo"}, {@code
   * "character_device"}, {@code "block_device"} or {@code "socket"} (ADR 0028).
   */
  @Named("typeText")
  static String typeText(FileType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** A device's number (dev_t); null, so absent, for every other kind. */
  @Named("device")
  static Long device(FileStatus s) {
    return s.type().isDevice() ? s.attributes().device() : null;
  }

  /** The inode's 12 permission bits (the kind is {@code type} and {@code is_dir}). */
  @Named("mode")
  static int mode(FileStatus s) {
    return s.attributes().mode();
  }

  @Named("modeOctal")
  static String modeOctal(FileStatus s) {
    return PosixText.octal(s.attributes().mode());
  }

  @Named("permissions")
  static String permissions(FileStatus s) {
    return PosixText.permissions(s.attributes().mode());
  }

  /** The strong ETag of a file's version; directories have none (the field is {@code null}). */
  @Named("etag")
  static String etag(FileStatus s) {
    return s.isDirectory() ? null : Validators.of(s).etag();
  }

  @Named("unixSeconds")
  static long unixSeconds(Instant t) {
    return t.getEpochSecond();
  }

  /** RFC 3339 in UTC with nine fraction digits: the exact instant, before 1970 too. */
  @Named("iso")
  static String iso(Instant t) {
    return PosixText.time(t);
  }

  @Named("pathText")
  static String pathText(DfsPath p) {
    return p.value();
  }

  @Named("name")
  static String name(DfsPath p) {
    return p.name();
  }
}
