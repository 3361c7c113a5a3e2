package io.godfs.adapters.fuse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mount's open file handles by the number libfuse hands back on every call. Directory handles
 * take their numbers from the same counter, so a number never means two things.
 */
final class HandleTable {
  private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  long nextId() {
    return next.getAndIncrement();
  }

  /** Registers a handle on {@code file}; returns its number for {@code fi.handle(...)}. */
  long add(OpenFile file, boolean writable, ReaderSlot reader) {
    long id = nextId();
    handles.put(id, new Handle(id, file, writable, reader));
    return id;
  }

  /** The handle {@code fi} names; EBADF when there is none (released, or never opened). */
  Handle get(FileInfo fi) {
    Handle h = handles.get(fi.handle());
    if (h == null) {
      throw new FuseErrnoException(Errno.EBADF, "no open file with handle " + fi.handle());
    }
    return h;
  }

  /** How many file handles are open. */
  int size() {
    return handles.size();
  }

  /** Forgets the handle {@code fi} names; null when there was none. */
  Handle remove(FileInfo fi) {
    return handles.remove(fi.handle());
  }
}
