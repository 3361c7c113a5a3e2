package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns failures into the one line a shell user reads after {@code godfs: <operation>: }. goDFS
 * refusals keep the server's message, with its API hint ("use recursive delete") replaced by the
 * command's flag ("use -r"); local file problems name the local path.
 */
final class ErrorMessages {
  private static final Pattern API_HINT = Pattern.compile("\\s*\\(use [^()]*\\)$");

  private ErrorMessages() {}

  /** A failure outside any goDFS call (a local file, a node that cannot start). */
  static String of(Throwable t) {
    return of(t, null, Map.of());
  }

  /**
   * @param master the master address the command used, for the "cannot reach" advice; may be null
   * @param hints what to suggest per refusal, e.g. {@code ALREADY_EXISTS -> "use -f to overwrite"}
   */
  static String of(Throwable t, String master, Map<ErrorCode, String> hints) {
    return switch (t) {
      case DfsException e -> of(e.error(), master, hints);
      case DfsIOException e -> of(e.error(), master, hints);
      case UncheckedIOException e -> of(e.getCause(), master, hints);
      case NoSuchFileException e -> "no such local file or directory: " + e.getFile();
      case AccessDeniedException e -> "permission denied on local file " + e.getFile();
      case FileAlreadyExistsException e ->
          "local file "
              + e.getFile()
              + " already exists"
              + withHint(hints.get(ErrorCode.ALREADY_EXISTS));
      case NotDirectoryException e -> "local path " + e.getFile() + " is not a directory";
      case FileSystemException e ->
          "local file " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason());
      case IOException e -> "local I/O error: " + messageOf(e);
      default -> "internal error: " + t + " (set GODFS_DEBUG=1 for the stack trace)";
    };
  }

  private static String of(DfsError error, String master, Map<ErrorCode, String> hints) {
    if (error.code() == ErrorCode.UNAVAILABLE
        && master != null
        && error.message().contains("the master")) {
      return "cannot reach the master at "
          + master
          + " (is it running? set GODFS_MASTER or --master; a master with TLS on, the default,"
          + " needs GODFS_TLS_ENABLED=1 and GODFS_TLS_CA_FILE)";
    }
    String message = API_HINT.matcher(error.message()).replaceFirst("");
    return message + withHint(hints.get(error.code()));
  }

  private static String withHint(String hint) {
    return hint == null ? "" : " (" + hint + ")";
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
