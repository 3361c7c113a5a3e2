package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

/**
 * A file to create: where, whether it may replace a file already there, and how it is stored
 * ({@code replication} and {@code chunkSize} 0: the cluster's default). The namespace in-port and
 * the client's out-port pass it to every create; who writes the file (a {@link LeaseHolder}) or its
 * whole content goes beside it, so no nullable argument picks the variant. Not the Raft log's
 * {@link NamespaceCommand.CreateFile}, which carries the defaults resolved and a time.
 */
public record NewFile(DfsPath path, boolean overwrite, int replication, long chunkSize) {
  public NewFile {
    requireNonNull(path, "path");
    // Upper bounds (replication 1-16, a chunk size the layout allows) are the namespace's rules:
    // they apply to the resolved values, and a caller learns them from its refusal.
    RequestChecks.notNegative("replication", replication, "0 = the cluster's default");
    RequestChecks.notNegative("chunkSize", chunkSize, "0 = the cluster's default");
  }

  /** A file stored with the cluster's default replication and chunk size. */
  public static NewFile withClusterDefaults(DfsPath path, boolean overwrite) {
    return new NewFile(path, overwrite, 0, 0);
  }
}
