package io.godfs.application.port.in;

import java.time.Duration;

/**
 * What {@code godfs admin restore} did (ADR 0027).
 *
 * @param name the backup restored
 * @param directories directories made
 * @param files files written
 * @param bytes file bytes written
 * @param took the whole run
 */
public record RestoreReport(String name, long directories, long files, long bytes, Duration took) {}
