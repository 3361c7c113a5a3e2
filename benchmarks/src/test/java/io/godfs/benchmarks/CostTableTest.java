package io.godfs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The medians, costs and verdicts {@code godfs bench-security} prints. */
class CostTableTest {
  @Test
  void theMedianIsTheMiddleRoundWhateverTheOrder() {
    assertThat(CostTable.median(new double[] {300, 100, 200})).isEqualTo(200);
    assertThat(CostTable.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
    assertThat(CostTable.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void noRoundsIsAnError() {
    assertThatThrownBy(() -> CostTable.median(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCostIsTheShareOfTheRateWithoutSecurityThatIsLost() {
    assertThat(CostTable.costPercent(200, 180)).isEqualTo(10.0);
    assertThat(CostTable.costPercent(200, 220)).isEqualTo(-10.0);
  }

  @Test
  void aCostAtOrUnderTheTargetIsOkAndOverItIsFlagged() {
    assertThat(CostTable.verdict(200, 180, 10)).isEqualTo("10.0 % ok");
    assertThat(CostTable.verdict(200, 179, 10)).isEqualTo("10.5 % OVER");
    assertThat(CostTable.verdict(100, 110, 15)).isEqualTo("-10.0 % ok");
    assertThat(CostTable.verdict(1000, 1000.1, 15)).isEqualTo("0.0 % ok");
  }

  @Test
  void theTablePutsTheMediansSideBySideWithTheirCostsAndTheMachine() {
    CostTable table = new CostTable(List.of("on, JDK", "on, BoringSSL"));
    table.add(
        new CostTable.Row(
            "write 1024 MiB",
            "MiB/s",
            new double[] {100, 300, 200},
            List.of(new double[] {150, 170, 160}, new double[] {195, 190, 185}),
            10,
            900));
    table.add(
        new CostTable.Row(
            "create 1 KiB files",
            "creates/s",
            new double[] {50.2},
            List.of(new double[] {40}, new double[] {45}),
            15,
            Double.NaN));

    List<String> lines = table.lines();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("off", "on, JDK", "on, BoringSSL", "cost", "machine");
    assertThat(lines.get(1))
        .startsWith("write 1024 MiB")
        .contains(" 200 ", " 160 ", "20.0 % OVER", " 190 ", "5.0 % ok", " 900  MiB/s");
    assertThat(lines.get(2))
        .contains("50.2", "40.0", "20.3 % OVER", "45.0", "10.4 % ok", " -  creates/s");
  }

  @Test
  void whatTheWorkSpendsCostsAsTheRateItAllowsWouldLose() {
    CostTable table = new CostTable(List.of("on"));
    // 2.0 CPU s per GiB off, 2.5 on: at the CPU's limit the rate drops from 1/2.0 to 1/2.5, 20 %.
    table.add(
        new CostTable.Row(
            "CPU, write",
            "CPU s/GiB",
            new double[] {2.0},
            List.of(new double[] {2.5}),
            10,
            Double.NaN,
            true));
    assertThat(table.lines().get(1)).contains("2.00", "2.50", "20.0 % OVER");
  }

  @Test
  void aRowMustHaveAValueForEverySecuredColumn() {
    CostTable table = new CostTable(List.of("on, JDK", "on, BoringSSL"));
    assertThatThrownBy(
            () ->
                table.add(
                    new CostTable.Row(
                        "write", "MiB/s", new double[] {1}, List.of(new double[] {1}), 10, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 on columns, not 2");
  }
}
