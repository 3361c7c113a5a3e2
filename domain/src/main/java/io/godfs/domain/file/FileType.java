package io.godfs.domain.file;

public enum FileType {
  FILE,
  DIRECTORY
}
