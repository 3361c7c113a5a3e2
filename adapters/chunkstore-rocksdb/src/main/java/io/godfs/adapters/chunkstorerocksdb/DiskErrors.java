package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.application.port.out.ChunkStoreException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Turns a failed disk or index call into the store's exception, telling a full disk (ENOSPC, or
 * EDQUOT for a user's quota) from a broken one: the JDK and RocksDB report both only in their
 * messages and status, and a writer that runs out of room should hear "full", not "lost".
 */
final class DiskErrors {
  /** Linux's strerror texts for ENOSPC and EDQUOT, as the JDK puts them in an IOException. */
  private static final String[] OUT_OF_SPACE = {"No space left on device", "Disk quota exceeded"};

  private DiskErrors() {}

  static ChunkStoreException wrap(String what, Exception cause) {
    return outOfSpace(cause)
        ? ChunkStoreException.outOfSpace(what, cause)
        : new ChunkStoreException(what, cause);
  }

  static boolean outOfSpace(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RocksDBException rocks
          && rocks.getStatus() != null
          && rocks.getStatus().getSubCode() == Status.SubCode.NoSpace) {
        return true;
      }
      String message = t.getMessage();
      if (message != null) {
        for (String text : OUT_OF_SPACE) {
          if (message.contains(text)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
