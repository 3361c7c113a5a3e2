package io.godfs.adapters.rest.fs;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.time.Instant;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/**
 * FileStatus to the JSON records of {@code stat} and {@code list}: renamed fields, Unix seconds,
 * the POSIX mode goDFS reports (0755 directories, 0644 files; there are no permissions yet) and the
 * ETag. Generated as {@code FileStatusMapperGenerated} (no {@code *Impl} names in this code base).
 *
 * <p>Every derived field goes through a typed {@code @Named} method below, never a Java snippet in
 * an annotation string: javac checks them, and a target left unmapped fails the build ({@code
 * unmappedTargetPolicy = ERROR}). {@code source = "status"} hands the whole parameter to such a
 * method when it needs more than one property (ADR 0007).
 */
@Mapper(implementationName = "<CLASS_NAME>Generated", unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface FileStatusMapper {
  int DIRECTORY_MODE = 0755;
  int FILE_MODE = 0644;

  @Mapping(target = "path", source = "path", qualifiedByName = "pathText")
  @Mapping(target = "isDir", source = "status", qualifiedByName = "isDir")
  @Mapping(target = "size", source = "length")
  @Mapping(target = "mode", source = "status", qualifiedByName = "mode")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "createdAtUnix", source = "creationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "modifiedAt", source = "modificationTime", qualifiedByName = "iso")
  @Mapping(target = "etag", source = "status", qualifiedByName = "etag")
  StatResponse toStat(FileStatus status);

  @Mapping(target = "name", source = "path", qualifiedByName = "name")
  @Mapping(target = "isDir", source = "status", qualifiedByName = "isDir")
  @Mapping(target = "size", source = "length")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  ListEntry toEntry(FileStatus status);

  @Named("isDir")
  static boolean isDir(FileStatus s) {
    return s.isDirectory();
  }

  @Named("mode")
  static int mode(FileStatus s) {
    return s.isDirectory() ? DIRECTORY_MODE : FILE_MODE;
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

  @Named("iso")
  static String iso(Instant t) {
    return t.toString();
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
