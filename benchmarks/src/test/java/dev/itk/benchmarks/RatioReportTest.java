package dev.itk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioReportTest {
  /** A measurement whose CPU time per operation is 1e6 / its median throughput. */
  private static Measurement m(String name, int size, double alloc, double... iterations) {
    Measurement noCpu = new Measurement(name, size, iterations, 0, 0, alloc, Double.NaN);
    return new Measurement(name, size, iterations, 0, 0, alloc, 1e6 / noCpu.median());
  }

  private static final List<Measurement> RUN =
      List.of(
          m("rawMac", 300, 80, 1000, 1000, 1000),
          m("rawMacBase64", 300, 312, 900, 920, 910),
          m("sign", 300, 360, 880, 10, 870),
          m("verify", 300, 700, 450, 450, 460),
          m("rawMac", 1 << 20, 100, 10, 10, 10),
          m("rawMacBase64", 1 << 20, 340, 10, 10, 10),
          m("sign", 1 << 20, 3 << 20, 10, 10, 10));

  @Test
  void ratio_dividesFastestIterations_soDisturbedIterationsDoNotCount() {
    RatioReport report = new RatioReport(RUN);

    assertThat(report.ratio("sign", "rawMacBase64", 300).orElseThrow())
        .isCloseTo(880.0 / 920, within(1e-9));
    assertThat(report.ratio("verify", "rawMac", 300).orElseThrow()).isCloseTo(0.46, within(1e-9));
    assertThat(report.ratio("signFromParts", "rawMac", 300)).isEmpty();
  }

  @Test
  void cpuRatio_isTheBaselinesCpuTimeOverTheBenchmarks() {
    RatioReport report = new RatioReport(RUN);

    // Medians: sign 870, rawMacBase64 910 ops/s, so CPU times 1e6/870 and 1e6/910 ns/op.
    assertThat(report.cpuRatio("sign", "rawMacBase64", 300).orElseThrow())
        .isCloseTo(870.0 / 910, within(1e-9));
    assertThat(report.cpuRatio("signFromParts", "rawMac", 300)).isEmpty();
  }

  @Test
  void allocFactor_isBytesPerOperationOverMessageSize() {
    RatioReport report = new RatioReport(RUN);

    assertThat(report.allocFactor("sign", 300).orElseThrow()).isCloseTo(1.2, within(1e-9));
    assertThat(report.allocFactor("sign", 1 << 20).orElseThrow()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void render_putsRatiosFirst_namesMissedTargets_andLabelsAbsoluteNumbers() {
    String text = new RatioReport(RUN).render("2 cores, JDK 17");

    assertThat(text).startsWith("CPU-time ratios");
    assertThat(text.indexOf("Throughput ratios")).isLessThan(text.indexOf("this machine only"));
    assertThat(text)
        .containsPattern("sign / rawMacBase64 +0\\.96 +1\\.00\n")
        .contains("sign, 300 B: >= 0.90x rawMacBase64 (CPU time): 0.96x, met")
        .contains("sign, 300 B: >= 0.90x rawMacBase64 (throughput): 0.96x, met")
        .contains(
            "verify, 300 B: >= 0.90x rawMacBase64 (throughput): 0.50x, missed, 44% short of the"
                + " target")
        .contains("sign, 1 MiB: <= 2x message size allocated: 3.00x, missed (1.50x the limit)")
        .contains("Noisy (fastest iteration > 1.5x the slowest; the machine was busy): sign 300 B")
        .contains("this machine only (2 cores, JDK 17)");
  }

  @Test
  void label_namesSizesAsPeopleRead() {
    assertThat(RatioReport.label(300)).isEqualTo("300 B");
    assertThat(RatioReport.label(4096)).isEqualTo("4 KiB");
    assertThat(RatioReport.label(1048576)).isEqualTo("1 MiB");
    assertThat(RatioReport.label(1500)).isEqualTo("1500 B");
  }
}
