package io.godfs.application.port.in;

/**
 * A chunkserver's figures in one snapshot, read at scrape time (ADR 0023).
 *
 * @param capacityBytes the space chunk files may use (configured, or the disk's)
 * @param usedBytes bytes of committed chunk files
 * @param diskFreeBytes free space on the disk holding the chunk files
 * @param replicas committed replicas held
 * @param indexKeys the chunk index's estimate of its keys
 * @param indexSstBytes the chunk index's table files
 * @param indexMemtableBytes the chunk index's memory tables
 * @param indexPendingCompactionBytes what the chunk index has left to compact
 */
public record ChunkserverFigures(
    long capacityBytes,
    long usedBytes,
    long diskFreeBytes,
    long replicas,
    long indexKeys,
    long indexSstBytes,
    long indexMemtableBytes,
    long indexPendingCompactionBytes) {}
