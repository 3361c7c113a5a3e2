package io.godfs.adapters.metadataratis;

import io.godfs.domain.file.NamespaceCommand;
import io.godfs.metadata.v1.LogEntry;
import io.godfs.metadata.v1.RequestId;

/** A command and its optional request id as one Raft log entry, in the versioned format. */
final class LogEntryCodec {
  static final int FORMAT = 1;

  private LogEntryCodec() {}

  static byte[] encode(NamespaceCommand<?> command, RequestId request) {
    LogEntry.Builder b = LogEntry.newBuilder().setFormat(FORMAT).setCommand(CommandCodec.encode(command));
    if (request != null) {
      b.setRequest(request);
    }
    return b.build().toByteArray();
  }
}
