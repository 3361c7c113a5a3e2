package io.godfs.domain.file;

/**
 * What an inode is (ADR 0028: symbolic links and special files beside regular files and
 * directories). Special files (FIFOs, devices, sockets) are names with attributes only: the kernel
 * serves their I/O on the client, and the namespace never writes or reads them.
 */
public enum FileType {
  FILE,
  DIRECTORY,
  /** A symbolic link: its target is its content, never followed by the namespace. */
  SYMLINK,
  /** A named pipe (mkfifo). */
  FIFO,
  /** A character device, with its device number (mknod). */
  CHARACTER_DEVICE,
  /** A block device, with its device number (mknod). */
  BLOCK_DEVICE,
  /** A Unix domain socket's name (bind). */
  SOCKET;

  /** A FIFO, device or socket: made by mknod, without content (ADR 0028). */
  public boolean isSpecial() {
    return this == FIFO || this == CHARACTER_DEVICE || this == BLOCK_DEVICE || this == SOCKET;
  }

  /** A character or block device: the only kinds with a device number. */
  public boolean isDevice() {
    return this == CHARACTER_DEVICE || this == BLOCK_DEVICE;
  }
}
