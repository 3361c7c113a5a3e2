package io.godfs.application.port.in;

import io.godfs.domain.file.FileStatus;

/**
 * A caller's condition on the file an upload replaces, e.g. HTTP's If-Match. It is checked before
 * any byte moves and again right before the rename; the rename then goes only over the very file
 * the last check approved (a compare-and-swap on its id), so a file another client put there after
 * the check is never replaced.
 */
@FunctionalInterface
public interface UploadCheck {

  /** Throws to refuse; {@code current} is the target's status, or null when it does not exist. */
  void check(FileStatus current);
}
