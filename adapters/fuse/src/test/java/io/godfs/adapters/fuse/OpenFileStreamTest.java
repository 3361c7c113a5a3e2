package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which writes go straight into the open stream: a file sized ahead of its bytes (fio's fallocate,
 * an ftruncate that grows it) keeps appending through the stream, a cut below the stream's position
 * reopens it at the new end.
 */
class OpenFileStreamTest {
  private static final DfsPath FILE = DfsPath.of("/m/f");

  private final List<String> masterCalls = new ArrayList<>();
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
              masterCalls.add(method.getName() + " " + args[0] + " " + args[1]);
              return switch (method.getName()) {
                case "truncate" -> null;
                case "openForWriteAt" -> new RecordingStream();
                default -> throw new AssertionError("unexpected call " + method.getName());
              };
            });
  }

  /** A stream that keeps what it was given and counts its syncs. */
  private static final class RecordingStream extends DfsOutput {
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
    }

    @Override
    public FileId fileId() {
      return new FileId(1);
    }
  }
}
