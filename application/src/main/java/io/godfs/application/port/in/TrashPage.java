package io.godfs.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the trash, oldest deletion first. {@code next}: where the next page starts (the last
 * entry looked at, which the caller may not have been shown), empty on the last page.
 */
public record TrashPage(List<TrashEntry> entries, Optional<String> next) {
  public static final TrashPage EMPTY = new TrashPage(List.of(), Optional.empty());

  public TrashPage {
    entries = List.copyOf(entries);
    Objects.requireNonNull(next, "next");
  }
}
