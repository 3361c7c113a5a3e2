package io.godfs.application.fake;

import io.godfs.application.port.out.ChunkIoMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ChunkIoMeter} that keeps what it was told, for tests. */
public final class RecordingChunkIoMeter implements ChunkIoMeter {
  public final AtomicLong readBytes = new AtomicLong();
  public final AtomicLong writtenBytes = new AtomicLong();
  public final AtomicLong scrubbedBytes = new AtomicLong();
  public final AtomicLong corruptFound = new AtomicLong();
  public final AtomicLong passesEnded = new AtomicLong();
  public final AtomicLong shortCircuitOpens = new AtomicLong();
  public final List<Result> reads = new ArrayList<>();
  public final List<Result> writes = new ArrayList<>();

  /** {hop, nanos} per message. */
  public final List<long[]> hops = new ArrayList<>();

  public final List<Long> fsyncs = new ArrayList<>();

  /** {done, total} per report. */
  public final List<long[]> progress = new ArrayList<>();

  @Override
  public void read(long bytes) {
    readBytes.addAndGet(bytes);
  }

  @Override
  public void written(long bytes) {
    writtenBytes.addAndGet(bytes);
  }

  @Override
  public synchronized void readEnded(Result result) {
    reads.add(result);
  }

  @Override
  public synchronized void writeEnded(Result result) {
    writes.add(result);
  }

  @Override
  public synchronized void hop(int hop, long nanos) {
    hops.add(new long[] {hop, nanos});
  }

  @Override
  public synchronized void fsync(long nanos) {
    fsyncs.add(nanos);
  }

  @Override
  public void scrubbed(long bytes) {
    scrubbedBytes.addAndGet(bytes);
  }

  @Override
  public void corruptFound() {
    corruptFound.incrementAndGet();
  }

  @Override
  public synchronized void scrubProgress(long done, long total) {
    progress.add(new long[] {done, total});
  }

  @Override
  public void scrubPassEnded() {
    passesEnded.incrementAndGet();
  }

  @Override
  public void shortCircuitOpened() {
    shortCircuitOpens.incrementAndGet();
  }
}
