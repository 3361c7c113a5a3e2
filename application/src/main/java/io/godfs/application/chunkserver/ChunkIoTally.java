package io.godfs.application.chunkserver;

import io.godfs.application.port.out.ChunkIoMeter;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chunkserver's own count of chunk bytes read and written since it started, which its
 * heartbeats carry to the master (the cluster's throughput, ADR 0023), passing every event on to
 * the node's meter ({@link ChunkIoMeter#NONE} until one is set). A byte count costs a {@link
 * LongAdder} add besides the meter's own.
 */
final class ChunkIoTally implements ChunkIoMeter {
  private final LongAdder readBytes = new LongAdder();
  private final LongAdder writtenBytes = new LongAdder();
  private volatile ChunkIoMeter meter = ChunkIoMeter.NONE;

  void meterTo(ChunkIoMeter meter) {
    this.meter = Objects.requireNonNull(meter, "meter");
  }

  long readBytes() {
    return readBytes.sum();
  }

  long writtenBytes() {
    return writtenBytes.sum();
  }

  @Override
  public void read(long bytes) {
    readBytes.add(bytes);
    meter.read(bytes);
  }

  @Override
  public void written(long bytes) {
    writtenBytes.add(bytes);
    meter.written(bytes);
  }

  @Override
  public void readEnded(Result result) {
    meter.readEnded(result);
  }

  @Override
  public void writeEnded(Result result) {
    meter.writeEnded(result);
  }

  @Override
  public void hop(int hop, long nanos) {
    meter.hop(hop, nanos);
  }

  @Override
  public void fsync(long nanos) {
    meter.fsync(nanos);
  }

  @Override
  public void scrubbed(long bytes) {
    meter.scrubbed(bytes);
  }

  @Override
  public void corruptFound() {
    meter.corruptFound();
  }

  @Override
  public void scrubProgress(long done, long total) {
    meter.scrubProgress(done, total);
  }

  @Override
  public void scrubPassEnded() {
    meter.scrubPassEnded();
  }

  @Override
  public void shortCircuitOpened() {
    meter.shortCircuitOpened();
  }
}
