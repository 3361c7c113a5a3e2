package io.godfs.adapters.rest.fs;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.time.Instant;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

/**
 * FileStatus to the JSON records of {@code stat} and {@code list}: renamed fields, Unix seconds,
 * the POSIX mode goDFS reports (0755 directories, 0644 files; there are no permissions yet) and the
 * ETag. Generated as {@code FileStatusMapperGenerated} (no {@code *Impl} names in this code base).
 */
@Mapper(implementationName = "<CLASS_NAME>Generated", imports = Validators.class)
public interface FileStatusMapper {
  int DIRECTORY_MODE = 0755;
  int FILE_MODE = 0644;

  @Mapping(target = "path", source = "path", qualifiedByName = "pathText")
  @Mapping(target = "isDir", expression = "java(status.isDirectory())")
  @Mapping(target = "size", source = "length")
  @Mapping(target = "mode", expression = "java(status.isDirectory() ? DIRECTORY_MODE : FILE_MODE)")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "createdAtUnix", source = "creationTime", qualifiedByName = "unixSeconds")
  @Mapping(target = "modifiedAt", source = "modificationTime", qualifiedByName = "iso")
  @Mapping(target = "etag", expression = "java(status.isDirectory() ? null : Validators.of(status).etag())")
  StatResponse toStat(FileStatus status);

  @Mapping(target = "name", expression = "java(status.path().name())")
  @Mapping(target = "isDir", expression = "java(status.isDirectory())")
  @Mapping(target = "size", source = "length")
  @Mapping(target = "modifiedAtUnix", source = "modificationTime", qualifiedByName = "unixSeconds")
  ListEntry toEntry(FileStatus status);

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
}
