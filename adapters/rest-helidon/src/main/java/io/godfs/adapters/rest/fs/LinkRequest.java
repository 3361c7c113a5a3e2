package io.godfs.adapters.rest.fs;

/**
 * {@code {"existing", "link"}}: {@code POST /v1/fs/link} (ADR 0028), a hard link: {@code link}
 * becomes another name of the file (not a directory) at {@code existing}.
 */
public record LinkRequest(String existing, String link) {}
