package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

/**
 * A file to create: where, whether it may replace a file already there, how it is stored ({@code
 * replication} and {@code chunkSize} 0: the cluster's default) and whose it is ({@code ownership},
 * null: the defaults, ADR 0028). The namespace in-port and the client's out-port pass it to every
 * create; who writes the file (a {@link LeaseHolder}) or its whole content goes beside it, so no
 * nullable argument picks the variant. Not the Raft log's {@link NamespaceCommand.CreateFile},
 * which carries the defaults resolved and a time.
 */
public record NewFile(
    DfsPath path, boolean overwrite, int replication, long chunkSize, Ownership ownership) {
  public NewFile {
    requireNonNull(path, "path");
    // Upper bounds (replication 1-16, a chunk size the layout allows) are the namespace's rules:
    // they apply to the resolved values, and a caller learns them from its refusal.
    RequestChecks.notNegative("replication", replication, "0 = the cluster's default");
    RequestChecks.notNegative("chunkSize", chunkSize, "0 = the cluster's default");
  }

  /** A file with the namespace's default owner, group and mode. */
  public NewFile(DfsPath path, boolean overwrite, int replication, long chunkSize) {
    this(path, overwrite, replication, chunkSize, null);
  }

  /** This file owned as {@code ownership} says (ADR 0028; null: the defaults). */
  public NewFile withOwnership(Ownership ownership) {
    return new NewFile(path, overwrite, replication, chunkSize, ownership);
  }

  /** A file stored with the cluster's default replication and chunk size. */
  public static NewFile withClusterDefaults(DfsPath path, boolean overwrite) {
    return new NewFile(path, overwrite, 0, 0);
  }
}
