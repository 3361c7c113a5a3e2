package io.godfs.bootstrap.cli;

import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Xattrs;
import java.time.Instant;

/**
 * An inode of {@link InMemoryFileSystem}. {@code attributes} and {@code modified}: null until a
 * change sets them (the defaults); a symbolic link's {@code bytes} are its target.
 */
record InMemoryNode(
    FileType type, byte[] bytes, InodeAttributes attributes, Instant modified, Xattrs xattrs) {
  InMemoryNode(FileType type, byte[] bytes) {
    this(type, bytes, null, null, Xattrs.NONE);
  }

  InMemoryNode with(Xattrs changed) {
    return new InMemoryNode(type, bytes, attributes, modified, changed);
  }
}
