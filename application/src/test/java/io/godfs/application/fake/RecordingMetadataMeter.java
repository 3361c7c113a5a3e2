package io.godfs.application.fake;

import io.godfs.application.port.out.MetadataMeter;
import java.util.ArrayList;
import java.util.List;

/** A {@link MetadataMeter} that keeps what it was told, for tests. */
public final class RecordingMetadataMeter implements MetadataMeter {
  private final List<Integer> batches = new ArrayList<>();
  private final List<Long> commits = new ArrayList<>();

  @Override
  public synchronized void batchSent(int mutations) {
    batches.add(mutations);
  }

  @Override
  public synchronized void committed(long nanos) {
    commits.add(nanos);
  }

  public synchronized List<Integer> batches() {
    return List.copyOf(batches);
  }

  public synchronized List<Long> commits() {
    return List.copyOf(commits);
  }
}
