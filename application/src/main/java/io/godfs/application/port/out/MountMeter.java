package io.godfs.application.port.out;

import java.util.function.Supplier;

/**
 * Counts and times the callbacks a FUSE mount serves (ADR 0023): the {@code godfs_fuse_*} families.
 * The FUSE adapter measures (the clock is allowed there) and asks once per callback for an {@link
 * OperationMeter}, which it keeps: a callback then costs a counter increment and a histogram
 * observation, no label lookup. Label values are the FUSE callback's name ({@code getattr}, {@code
 * write} ...) and {@code ok} or the errno's name ({@code ENOENT}), never a path.
 */
public interface MountMeter {
  /** The result of a callback that succeeded. */
  String OK = "ok";

  /** Records nothing: a mount without a listener (tests, a mount that keeps no metrics). */
  MountMeter NONE =
      new MountMeter() {
        @Override
        public OperationMeter operation(String callback) {
          return OperationMeter.NONE;
        }

        @Override
        public void watch(Supplier<Figures> figures) {
          // Nothing is kept.
        }
      };

  /** The meter of one FUSE callback ({@code getattr}, {@code read}, {@code write} ...). */
  OperationMeter operation(String callback);

  /** Reads the mount's figures from {@code figures} at each scrape (cheap: no I/O, no wait). */
  void watch(Supplier<Figures> figures);

  /**
   * What a mount holds now.
   *
   * @param dirtyBytes bytes programs wrote that are buffered, not yet sent to goDFS
   * @param openFiles file handles open in the mount
   */
  record Figures(long dirtyBytes, long openFiles) {}

  /** The counter and timer of one callback; thread-safe. */
  interface OperationMeter {
    OperationMeter NONE = (result, nanos) -> {};

    /**
     * The callback answered after {@code nanos}: {@code result} is {@code ok} or the name of the
     * errno it returned ({@code ENOENT}, {@code EIO} ...).
     */
    void ended(String result, long nanos);
  }
}
