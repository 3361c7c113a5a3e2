package io.godfs.domain.file;

/** How {@code setxattr} may set a name (its flags XATTR_CREATE and XATTR_REPLACE, or neither). */
public enum XattrMode {
  /** Set it whether or not it exists. */
  EITHER,
  /** Only when it does not exist yet (ALREADY_EXISTS otherwise, EEXIST). */
  CREATE,
  /** Only when it exists (NO_ATTRIBUTE otherwise, ENODATA). */
  REPLACE
}
