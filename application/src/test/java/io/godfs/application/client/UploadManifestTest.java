package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A multipart upload's manifest, as this code writes it and as the gateway's Jackson wrote it
 * before.
 */
class UploadManifestTest {
  static final DfsPath FILE = DfsPath.of("/.godfs/uploads/x/upload.json");

  @Test
  void roundTripsAnyName() {
    UploadManifest m = new UploadManifest("/a \"quoted\" \\ back/é 名前/\u0001", 1764000000123L);
    assertThat(new String(m.toJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"path\":\"/a \\\"quoted\\\" \\\\ back/é 名前/\\u0001\",\"created_at_ms\":1764000000123}");
    assertThat(UploadManifest.parse(m.toJson(), FILE)).isEqualTo(m);
  }

  @Test
  void readsWhatTheGatewayWroteBeforeAndSkipsUnknownFields() {
    byte[] jackson =
        "{ \"extra\" : true, \"path\":\"/d/\\u00e9\\/x\", \"note\":\"a,b}\", \"created_at_ms\" : 42 }"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(UploadManifest.parse(jackson, FILE)).isEqualTo(new UploadManifest("/d/é/x", 42));
  }

  @Test
  void aBrokenManifestIsCorruptNamingTheFile() {
    for (String bad :
        new String[] {
          "", "{", "{\"path\":\"/x\"}", "{\"path\":\"/x\",\"created_at_ms\":\"no\"}", "[]"
        }) {
      assertThatThrownBy(() -> UploadManifest.parse(bad.getBytes(StandardCharsets.UTF_8), FILE))
          .isInstanceOf(DfsException.class)
          .hasMessageContaining(FILE.value());
    }
  }
}
