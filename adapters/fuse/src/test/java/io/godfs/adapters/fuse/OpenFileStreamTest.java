package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which writes go straight into the open stream: a file sized ahead of its bytes (fio's fallocate,
 * an ftruncate that grows it) keeps appending through the stream, a cut below the stream's position
 * reopens it at the new end.
 */
class OpenFileStreamTest {
  private static final DfsPath FILE = DfsPath.of("/m/f");
  private static final long CHUNK_SIZE = 4 * SequentialWrites.STREAM_AFTER;

  private final List<String> masterCalls = new ArrayList<>();
  private final Map<Long, RecordingStream> opened = new HashMap<>();

  /** Syncs of the streams and opens for reading, in order. */
  private final List<String> events = new ArrayList<>();

  private final RecordingStream stream = new RecordingStream();
  private final FileSystemUseCase master = fakeMaster();
  private final Deadlines deadlines = new Deadlines(Duration.ZERO);
  private final OpenFile file = OpenFile.created(master, deadlines, 1 << 20, FILE, stream);

  @Test
  void writesIntoAFileGrownAheadOfThemStillGoIntoTheStream() {
    file.truncate(1000);
    byte[] piece = filled(100, (byte) 7);
    for (int off = 0; off < 1000; off += 100) {
      file.write(off, piece, piece.length);
    }
    file.flush();

    assertThat(masterCalls).as("no extra open or truncate").isEmpty();
    assertThat(stream.bytes.size()).isEqualTo(1000);
    assertThat(stream.syncs).isEqualTo(1);
    assertThat(size()).isEqualTo(1000);
  }

  @Test
  void aFileGrownPastItsWritesReadsZerosThereAndIsExtendedAtFlush() {
    file.truncate(1000);
    file.write(0, filled(400, (byte) 7), 400);

    byte[] tail = filled(300, (byte) 1);
    try (ReaderSlot reader = new ReaderSlot(master, deadlines)) {
      assertThat(file.read(600, tail, 300, reader)).isEqualTo(300);
    }
    assertThat(tail).containsOnly((byte) 0);

    file.flush();
    assertThat(stream.bytes.size()).isEqualTo(400);
    assertThat(masterCalls).containsExactly("truncate /m/f 1000");
    assertThat(size()).isEqualTo(1000);
  }

  @Test
  void aCutBelowTheStreamsPositionReopensItAtTheNewEnd() {
    file.write(0, filled(100, (byte) 7), 100);
    file.truncate(50);
    file.write(50, filled(10, (byte) 8), 10);

    assertThat(masterCalls).containsExactly("truncate /m/f 50", "openForWriteAt /m/f 50");
    assertThat(stream.syncs).as("synced before the cut").isEqualTo(1);
  }

  @Test
  void aSequentialRewriteInsideTheFileIsStreamedOnceItHasRunAMebibyte() {
    int piece = (int) (SequentialWrites.STREAM_AFTER / 2);
    OpenFile existing = OpenFile.existing(master, deadlines, 64 << 20, FILE, 1, 8 * piece);
    existing.addWriter(true);
    byte[] bytes = filled(piece, (byte) 7);
    for (int i = 0; i < 6; i++) {
      existing.write((long) i * piece, bytes, piece); // from offset 0, inside the file
    }
    existing.write(7L * piece, bytes, piece); // a jump: buffered again
    existing.write(100, bytes, 10); // a random write: buffered

    long streamedFrom = 2L * piece;
    assertThat(masterCalls)
        .containsExactly("openForWriteAt /m/f " + 8 * piece, "openForWriteAt /m/f " + streamedFrom);
    assertThat(opened.get(streamedFrom).bytes.size()).isEqualTo(4 * piece);
    assertThat(existing.dirtyBytes()).as("the first mebibyte and the jump").isEqualTo(3L * piece);
  }

  @Test
  void aReadOfBytesARewriteStillHoldsUnsyncedSyncsThemFirst() {
    int piece = (int) SequentialWrites.STREAM_AFTER;
    OpenFile existing = OpenFile.existing(master, deadlines, 64 << 20, FILE, 1, 4 * piece);
    existing.addWriter(true);
    byte[] bytes = filled(piece, (byte) 7);
    existing.write(0, bytes, piece);
    existing.write(piece, bytes, piece); // streamed from here on, over goDFS's bytes
    RecordingStream rewrite = opened.get((long) piece);
    assertThat(rewrite.bytes.size()).isEqualTo(piece);

    byte[] dst = new byte[10];
    try (ReaderSlot reader = new ReaderSlot(master, deadlines)) {
      existing.read(3L * piece, dst, 10, reader); // past the rewrite: nothing to sync
      assertThat(events).containsExactly("open");
      existing.read(piece + 5, dst, 10, reader); // the rewrite's bytes: synced, then read afresh
      assertThat(events).containsExactly("open", "sync", "open");
    }
  }

  /**
   * A rewrite in the second half of a chunk gives the whole chunk's replicas a new version, which
   * no reader may read before the stream syncs: a read of the chunk's first half, which the rewrite
   * never touched, syncs it first (it failed with EBUSY in FsxIT before).
   */
  @Test
  void aReadOfAChunkARewriteIsWritingSyncsItFirstAlsoWhereTheRewriteDidNotWrite() {
    int piece = (int) SequentialWrites.STREAM_AFTER;
    OpenFile existing = OpenFile.existing(master, deadlines, 64 << 20, FILE, 1, 8 * piece);
    existing.addWriter(true);
    byte[] bytes = filled(piece, (byte) 7);
    existing.write(5L * piece, bytes, piece);
    existing.write(6L * piece, bytes, piece); // streamed: the second chunk, [4, 8) pieces
    assertThat(opened.get(6L * piece).bytes.size()).isEqualTo(piece);

    byte[] dst = new byte[10];
    try (ReaderSlot reader = new ReaderSlot(master, deadlines)) {
      existing.read(3L * piece, dst, 10, reader); // the first chunk: nothing to sync
      assertThat(events).containsExactly("open");
      existing.read(4L * piece + 5, dst, 10, reader); // the second chunk, before the rewrite
      assertThat(events).containsExactly("open", "sync", "open");
    }
  }

  private long size() {
    file.lock();
    try {
      return file.size();
    } finally {
      file.unlock();
    }
  }

  private static byte[] filled(int n, byte b) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, b);
    return bytes;
  }

  private FileSystemUseCase fakeMaster() {
    return (FileSystemUseCase)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FileSystemUseCase.class},
            (proxy, method, args) -> {
              if (method.getName().equals("open")) {
                events.add("open");
                return new ZeroInput();
              }
              masterCalls.add(method.getName() + " " + args[0] + " " + args[1]);
              return switch (method.getName()) {
                case "truncate" -> null;
                case "openForWriteAt" ->
                    opened.computeIfAbsent((Long) args[1], at -> new RecordingStream());
                default -> throw new AssertionError("unexpected call " + method.getName());
              };
            });
  }

  /** A stream that keeps what it was given and counts its syncs. */
  private final class RecordingStream extends DfsOutput {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int syncs;

    @Override
    public void write(int b) {
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void sync() {
      syncs++;
      events.add("sync");
    }

    @Override
    public FileId fileId() {
      return new FileId(1);
    }

    @Override
    public long chunkSize() {
      return CHUNK_SIZE;
    }
  }

  /** goDFS's bytes as a reader sees them: zeros, a gibibyte of them. */
  private static final class ZeroInput extends SeekableInput {
    private long position;

    @Override
    public int read() {
      position++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 0);
      position += len;
      return len;
    }

    @Override
    public void seek(long to) {
      position = to;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public long length() {
      return 1L << 30;
    }
  }
}
