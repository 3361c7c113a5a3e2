package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.QuotaClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code godfs fs quota set|clear|get} (ADR 0026): what they send and what they print. */
class QuotaCommandsTest {
  private static final String NL = System.lineSeparator();
  private final CliHarness cli = new CliHarness();
  private final FakeQuotas quotas = new FakeQuotas();

  QuotaCommandsTest() {
    cli.fs.quotaClient = quotas;
    cli.fs.dir("/data");
  }

  /** Keeps each directory's quotas; its usage is what the test says (3 names, 3 MiB). */
  static final class FakeQuotas implements QuotaClient {
    final Map<DfsPath, long[]> quotas = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    DfsException refusal;

    @Override
    public QuotaUsage set(DfsPath dir, OptionalLong names, OptionalLong space) {
      calls.add("set " + dir + " " + names + " " + space);
      if (refusal != null) {
        throw refusal;
      }
      long[] q = quotas.computeIfAbsent(dir, d -> new long[] {QuotaUsage.NONE, QuotaUsage.NONE});
      q[0] = names.orElse(q[0]);
      q[1] = space.orElse(q[1]);
      return get(dir);
    }

    @Override
    public QuotaUsage get(DfsPath dir) {
      if (refusal != null) {
        throw refusal;
      }
      long[] q = quotas.getOrDefault(dir, new long[] {QuotaUsage.NONE, QuotaUsage.NONE});
      return new QuotaUsage(dir, q[0], 3, q[1], 3L << 20);
    }
  }

  @Test
  void setTakesSizesWithUnitsAndKeepsTheQuotaNotGiven() {
    CliHarness.Result set =
        cli.run("fs", "quota", "set", "/data", "--names", "10", "--space", "1g");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out())
        .isEqualTo(
            "quotas of /data: names 10 (3 used), space 1 GiB (3 MiB used, replicas counted)" + NL);
    assertThat(quotas.calls).containsExactly("set /data OptionalLong[10] OptionalLong[1073741824]");

    assertThat(cli.run("fs", "quota", "set", "/data", "--space", "512m").code()).isZero();
    assertThat(quotas.calls.getLast())
        .isEqualTo("set /data OptionalLong.empty OptionalLong[536870912]");
    assertThat(quotas.get(DfsPath.of("/data")).nameQuota()).isEqualTo(10);

    cli.run("fs", "quota", "set", "/data")
        .failedWith(
            1,
            "godfs: quota set /data: nothing to set (expected: --names N, --space SIZE or both)");
    cli.run("fs", "quota", "set", "/data", "--space", "10GB")
        .failedWith(
            1,
            "godfs: quota set /data: --space : '10GB' (expected: bytes, or with a unit: 512m, 10g,"
                + " 2t)");
    assertThat(cli.run("fs", "quota", "set", "--help").out().replaceAll("\\s+", " "))
        .contains("replicas counted as HDFS does", "512m, 10g");
  }

  @Test
  void clearRemovesBothOrTheOneNamed() {
    cli.run("fs", "quota", "set", "/data", "--names", "10", "--space", "1g");
    CliHarness.Result names = cli.run("fs", "quota", "clear", "/data", "--names");
    assertThat(names.code()).isZero();
    assertThat(names.out())
        .isEqualTo(
            "quotas of /data: names none (3 used), space 1 GiB (3 MiB used, replicas counted)"
                + NL);
    assertThat(quotas.calls.getLast()).isEqualTo("set /data OptionalLong[-1] OptionalLong.empty");
    assertThat(cli.run("fs", "quota", "clear", "/data", "--space").code()).isZero();
    assertThat(quotas.calls.getLast()).isEqualTo("set /data OptionalLong.empty OptionalLong[-1]");
    assertThat(cli.run("fs", "quota", "clear", "/data").code()).isZero();
    assertThat(quotas.calls.getLast()).isEqualTo("set /data OptionalLong[-1] OptionalLong[-1]");
  }

  @Test
  void getPrintsColumnsAsHdfsCountQuotaOrJson() {
    cli.run("fs", "quota", "set", "/data", "--names", "10");
    CliHarness.Result get = cli.run("fs", "quota", "get", "/data");
    assertThat(get.code()).isZero();
    assertThat(get.out())
        .isEqualTo(
            "  NAME_QUOTA    REM_NAMES     SPACE_QUOTA       REM_SPACE        NAMES           SPACE"
                + " PATH"
                + NL
                + "          10            7            none             inf            3        "
                + " 3145728 /data"
                + NL);
    CliHarness.Result json = cli.run("fs", "quota", "get", "--json", "/data");
    assertThat(json.out())
        .isEqualTo(
            "{\"path\":\"/data\",\"nameQuota\":10,\"names\":3,\"nameRemaining\":7,"
                + "\"spaceQuota\":null,\"space\":3145728,\"spaceRemaining\":null}"
                + NL);
  }

  @Test
  void aRefusalIsOneLineNamingThePermission() {
    quotas.refusal =
        new DfsException(
            ErrorCode.PERMISSION_DENIED,
            "permission denied: bob lacks 'admin' (holds there: read, write, delete)");
    cli.run("fs", "quota", "set", "/data", "--names", "3")
        .failedWith(
            1,
            "godfs: quota set /data: permission denied: bob lacks 'admin' (holds there: read,"
                + " write, delete)");
    cli.fs.quotaClient = null;
    cli.run("fs", "quota", "get", "/data")
        .failedWith(
            1,
            "godfs: quota get /data: this client reaches no master, and so no quotas to set or show");
    assertThat(cli.run("fs", "quota").code()).isEqualTo(GodfsCli.USAGE);
  }
}
