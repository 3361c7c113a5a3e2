package io.godfs.adapters.rest.fs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.godfs.application.port.in.TrashEntry;
import java.util.List;

/**
 * {@code GET /v1/fs/trash}: one page of the trash, oldest deletion first, only what the caller may
 * read; {@code next_page_token} is absent on the last page (a page may be short and have a next).
 */
public record TrashResponse(
    List<Entry> entries, @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {

  /** One deletion: where it was, what it is, when it was deleted and when it will be purged. */
  public record Entry(
      String path,
      String entryId,
      boolean isDir,
      long size,
      String deletedAt,
      long deletedAtUnix,
      String purgeAt,
      long purgeAtUnix) {

    static Entry of(TrashEntry e) {
      return new Entry(
          e.original().value(),
          e.id().value(),
          e.isDirectory(),
          e.length(),
          e.deletedAt().toString(),
          e.deletedAt().getEpochSecond(),
          e.purgeAt().toString(),
          e.purgeAt().getEpochSecond());
    }
  }
}
