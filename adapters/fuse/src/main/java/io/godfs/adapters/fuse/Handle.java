package io.godfs.adapters.fuse;

/** One open file descriptor's state: the shared file, whether it may write, its own reader. */
record Handle(long id, OpenFile file, boolean writable, ReaderSlot reader) {}
