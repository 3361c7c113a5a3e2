package io.godfs.domain.file;

/**
 * What the namespace holds, in counts kept up to date by every transition (ADR 0023): reading them
 * costs nothing, whatever the namespace's size, so a metrics scrape may ask at any time. A
 * namespace loaded from an image counts what the image holds, so the figures survive a restart.
 *
 * @param files files, open or closed
 * @param directories directories other than the root
 * @param logicalBytes the sum of every file's length (holes included, replicas not)
 * @param inlineFiles small files whose bytes the namespace holds itself (ADR 0016)
 * @param inlineBytes the bytes of those files
 * @param leasesHeld files a client holds open for writing (one write lease each)
 */
public record NamespaceFigures(
    long files,
    long directories,
    long logicalBytes,
    long inlineFiles,
    long inlineBytes,
    long leasesHeld) {
  public static final NamespaceFigures EMPTY = new NamespaceFigures(0, 0, 0, 0, 0, 0);
}
