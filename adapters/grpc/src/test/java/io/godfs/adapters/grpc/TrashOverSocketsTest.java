package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.NewFile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trash's calls (ADR 0024) on a real socket: delete into it, list it by pages, restore. */
class TrashOverSocketsTest {
  GrpcServerHandle server;
  ChannelPool channels = new ChannelPool();
  GrpcMasterClient client;

  @BeforeEach
  void start() {
    MasterServices m =
        MasterServices.create(
            new FakeMetadataStore(),
            Clock.systemUTC(),
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2))
                .withTrashGrace(Duration.ofHours(1)),
            new Random(1));
    server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new GrpcMasterService(
                    m.namespace(),
                    m.chunkWrites(),
                    m.chunkReads(),
                    m.registry(),
                    m.leases(),
                    m.delegations(),
                    m.trash())));
    client = new GrpcMasterClient("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    channels.close();
    server.close();
  }

  @Test
  void deletesGoToTheTrashWhichPagesAndRestores() {
    TrashClient trash = client.trash();
    List<TrashEntry> deleted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      DfsPath p = DfsPath.of("/d" + i + "/f");
      client.mkdir(p.parent(), true);
      client.create(NewFile.withClusterDefaults(p, false));
      Deletion d = trash.delete(p, false);
      assertThat(d).isInstanceOf(Deletion.Trashed.class);
      deleted.add(((Deletion.Trashed) d).entry());
    }
    // The plain client's delete still answers a count: none removed, all moved.
    client.mkdir(DfsPath.of("/tree/sub"), true);
    assertThat(client.delete(DfsPath.of("/tree"), true)).isZero();

    List<TrashEntry> listed = new ArrayList<>();
    Optional<String> next = Optional.empty();
    int pages = 0;
    do {
      TrashPage page = trash.list(next.orElse(null), 2);
      listed.addAll(page.entries());
      next = page.next();
      pages++;
    } while (next.isPresent());
    assertThat(pages).isEqualTo(3);
    assertThat(listed).hasSize(6).containsAll(deleted);
    assertThat(listed)
        .filteredOn(e -> e.original().equals(DfsPath.of("/tree")))
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(FileType.DIRECTORY));

    TrashEntry first = deleted.getFirst();
    assertThat(trash.restore(first.original(), Optional.of(first.id())).path())
        .isEqualTo(first.original());
    assertThat(client.stat(first.original()).type()).isEqualTo(FileType.FILE);
    assertThatThrownBy(() -> client.stat(DfsPath.of("/tree/sub")))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void refusalsArriveWithTheirCodes() {
    assertThatThrownBy(() -> client.trash().restore(DfsPath.of("/none"), Optional.empty()))
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage()).contains("no deletion of /none");
            });
    assertThatThrownBy(() -> client.stat(DfsPath.of("/.trash")))
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("/.trash", "reserved");
            });
    assertThatThrownBy(() -> client.trash().list(null, 5000))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
