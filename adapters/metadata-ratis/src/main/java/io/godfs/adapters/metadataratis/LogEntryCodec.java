package io.godfs.adapters.metadataratis;

import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.LogEntry;
import io.godfs.metadata.v1.RequestId;

/**
 * A command and its optional request id as an entry of a Raft log batch ({@link #FORMAT} is the
 * batch's).
 */
final class LogEntryCodec {
  /**
   * 3: special files, hard links and exchanges (ADR 0028: MakeNode, Link, ExchangeNames), and a
   * checked user's command (ADR 0029, {@code as_user}): a master of format 2 could not decode the
   * first and would apply the last unchecked. 2: POSIX attributes (ADR 0028): ownership in Mkdir
   * and CreateFile, SetAttributes. A master of format 1 would apply such entries without their new
   * fields and its state would part from the others', so it refuses them; entries of format 1 are
   * read as they were.
   */
  static final int FORMAT = 3;

  /** The oldest format still read. */
  static final int FIRST_FORMAT = 1;

  private LogEntryCodec() {}

  static LogEntry encode(NamespaceCommand<?> command, RequestId request) {
    return entry(CommandCodec.encode(command), request);
  }

  static LogEntry encode(AuthorityCommand<?> command, RequestId request) {
    return entry(AuthorityCodec.encode(command), request);
  }

  private static LogEntry entry(Command command, RequestId request) {
    LogEntry.Builder b = LogEntry.newBuilder().setCommand(command);
    if (request != null) {
      b.setRequest(request);
    }
    return b.build();
  }
}
