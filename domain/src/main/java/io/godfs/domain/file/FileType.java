package io.godfs.domain.file;

/** What an inode is (ADR 0028: symbolic links beside regular files and directories). */
public enum FileType {
  FILE,
  DIRECTORY,
  /** A symbolic link: its target is its content, never followed by the namespace. */
  SYMLINK
}
