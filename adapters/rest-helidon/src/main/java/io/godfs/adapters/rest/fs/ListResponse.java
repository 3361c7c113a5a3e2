package io.godfs.adapters.rest.fs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of a directory, sorted by name; {@code next_page_token} is absent on the last page. */
public record ListResponse(
    String path,
    List<ListEntry> entries,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {}
