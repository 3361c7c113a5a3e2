package io.godfs.domain.file;

/**
 * The id of an inode, handed out by the master and never reused: a file's, which the ports pass to
 * name the file a write, lease or commit is for, or a directory's in its status. Not range-checked
 * here: a Raft log written before the edges refused ids below 1 must still replay (the namespace
 * answers NOT_FOUND for them); the gRPC and REST edges refuse them with a message naming the field.
 */
public record FileId(long value) implements Comparable<FileId> {
  @Override
  public int compareTo(FileId o) {
    return Long.compare(value, o.value);
  }

  /** The bare number, as messages and the wire formats have always shown it. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
