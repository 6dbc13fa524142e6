package cn.computeloan.engine.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The growth verdict that docs/benchmarks.md quotes: median baseline, band, blocks outside it, trend. */
class GrowthBlocksTest {

  private static final long[] HISTORY = {10_000, 20_000, 30_000, 40_000, 50_000};

  @Test
  void blocksWithinTheBandAroundTheMedianAreFlat() {
    String verdict = GrowthBlocks.judge("job completions/s", new double[] {1000, 1100, 950, 1050, 1000}, HISTORY, 0.2);

    assertThat(verdict).contains("median 1000.00", "band ±20% = 800.00–1200.00", "100% 110% 95% 105% 100%",
        "FLAT: every block within the band");
  }

  @Test
  void aBlockOutsideTheBandIsNamed() {
    String verdict = GrowthBlocks.judge("job completions/s", new double[] {1000, 1000, 700, 1000, 1250}, HISTORY, 0.2);

    assertThat(verdict).contains("min 70%, max 125%", "NOT FLAT: block(s) [3, 5] of 5 outside the band");
  }

  @Test
  void theTrendIsTheSlopePerTenThousandInstancesRelativeToTheMedian() {
    // 100 more per block of 10,000 instances, median 1,200: +8.3 % of the median per 10,000
    String rising = GrowthBlocks.judge("x", new double[] {1000, 1100, 1200, 1300, 1400}, HISTORY, 0.5);
    // scattered around 1,200 with a slight rise: slope 40 per 10,000 = +3.3 %
    String scattered = GrowthBlocks.judge("x", new double[] {1200, 1000, 1400, 1000, 1400}, HISTORY, 0.5);

    assertThat(rising).contains("trend +8.3% of the median per 10,000 instances");
    assertThat(scattered).contains("trend +3.3% of the median per 10,000 instances");
  }

  @Test
  void theMedianOfAnEvenNumberOfBlocksIsTheMeanOfTheMiddleTwo() {
    String verdict = GrowthBlocks.judge("x", new double[] {1, 2, 3, 10}, new long[] {1, 2, 3, 4}, 0.2);

    assertThat(verdict).contains("median 2.50");
  }
}
