package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.in.DfsIOException;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrnoMapperTest {

  @Test
  void everyErrorCodeHasItsErrno() {
    assertThat(ErrnoMapper.errno(ErrorCode.NOT_FOUND, Operation.NAMESPACE)).isEqualTo(2);
    assertThat(ErrnoMapper.errno(ErrorCode.ALREADY_EXISTS, Operation.NAMESPACE)).isEqualTo(17);
    assertThat(ErrnoMapper.errno(ErrorCode.NOT_A_DIRECTORY, Operation.NAMESPACE)).isEqualTo(20);
    assertThat(ErrnoMapper.errno(ErrorCode.IS_A_DIRECTORY, Operation.NAMESPACE)).isEqualTo(21);
    assertThat(ErrnoMapper.errno(ErrorCode.NOT_EMPTY, Operation.NAMESPACE)).isEqualTo(39);
    assertThat(ErrnoMapper.errno(ErrorCode.INVALID_ARGUMENT, Operation.NAMESPACE)).isEqualTo(22);
    assertThat(ErrnoMapper.errno(ErrorCode.CONFLICT, Operation.NAMESPACE)).isEqualTo(16);
    assertThat(ErrnoMapper.errno(ErrorCode.BUSY, Operation.NAMESPACE))
        .isEqualTo(16); // another client writes it
    assertThat(ErrnoMapper.errno(ErrorCode.BUSY, Operation.DATA)).isEqualTo(16);
    assertThat(ErrnoMapper.errno(ErrorCode.NO_CAPACITY, Operation.DATA)).isEqualTo(28);
    assertThat(ErrnoMapper.errno(ErrorCode.CORRUPT, Operation.DATA)).isEqualTo(5);
  }

  @Test
  void unavailableIsRetryableForNamespaceCallsAndAnIoErrorForBytes() {
    assertThat(ErrnoMapper.errno(ErrorCode.UNAVAILABLE, Operation.NAMESPACE)).isEqualTo(11);
    assertThat(ErrnoMapper.errno(ErrorCode.UNAVAILABLE, Operation.DATA)).isEqualTo(5);
  }

  @Test
  void wrappedFailuresMapByTheirCause() {
    DfsException full = new DfsException(ErrorCode.NO_CAPACITY, "no room");
    assertThat(
            ErrnoMapper.errno(
                new IOException("write failed", new DfsIOException(full)), Operation.DATA))
        .isEqualTo(28);
    assertThat(ErrnoMapper.errno(new FuseErrnoException(Errno.ETIMEDOUT, "slow"), Operation.DATA))
        .isEqualTo(110);
    assertThat(ErrnoMapper.errno(new IllegalStateException("bug"), Operation.DATA)).isEqualTo(5);
    assertThat(ErrnoMapper.errno(new IOException("plain"), Operation.DATA)).isEqualTo(5);
  }
}
