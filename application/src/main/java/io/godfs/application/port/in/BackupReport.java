package io.godfs.application.port.in;

import java.time.Duration;

/**
 * What {@code godfs admin backup} did (ADR 0027).
 *
 * @param name the backup's name (and its snapshot's)
 * @param directories directories recorded
 * @param files files recorded
 * @param bytes file bytes the backup describes
 * @param chunksCopied chunks read from the cluster and stored
 * @param bytesCopied bytes of those chunks
 * @param chunksSkipped chunks the archive already held (an incremental run skips them)
 * @param took the whole run, snapshot to manifest
 */
public record BackupReport(
    String name,
    long directories,
    long files,
    long bytes,
    long chunksCopied,
    long bytesCopied,
    long chunksSkipped,
    Duration took) {}
