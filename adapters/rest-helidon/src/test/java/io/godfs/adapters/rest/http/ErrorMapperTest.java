package io.godfs.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  @Test
  void clientMistakesAre4xxAndClusterTroubleIs5xx() {
    for (ErrorCode code : ErrorCode.values()) {
      if (code == ErrorCode.QUOTA_EXCEEDED) {
        continue; // 507, as WebDAV answers a full store: here a directory's (ADR 0026)
      }
      int status = ErrorMapper.status(code);
      boolean server =
          code == ErrorCode.UNAVAILABLE
              || code == ErrorCode.UNSUPPORTED // 501: what goDFS does not do, not a bad request
              || code == ErrorCode.NO_CAPACITY
              || code == ErrorCode.CORRUPT
              || code
                  == ErrorCode.NOT_LEADER; // the gateway could not reach the leading master: retry
      assertThat(status).as(code.name()).isBetween(server ? 500 : 400, server ? 599 : 499);
    }
    assertThat(ErrorMapper.status(ErrorCode.NOT_FOUND)).isEqualTo(404);
    assertThat(ErrorMapper.status(ErrorCode.ALREADY_EXISTS)).isEqualTo(409);
    assertThat(ErrorMapper.status(ErrorCode.INVALID_ARGUMENT)).isEqualTo(400);
    assertThat(ErrorMapper.status(ErrorCode.UNAVAILABLE)).isEqualTo(503);
    assertThat(ErrorMapper.code(ErrorCode.NOT_EMPTY)).isEqualTo("not_empty");
    assertThat(ErrorMapper.status(ErrorCode.BUSY)).isEqualTo(409); // another client writes the file
    assertThat(ErrorMapper.code(ErrorCode.BUSY)).isEqualTo("busy");
    assertThat(ErrorMapper.status(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(507);
    assertThat(ErrorMapper.code(ErrorCode.QUOTA_EXCEEDED)).isEqualTo("quota_exceeded");
    assertThat(ErrorMapper.status(ErrorCode.READ_ONLY)).isEqualTo(403);
  }
}
