package cn.computeloan.credit.guarantee;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.EquipmentCollateral;
import cn.computeloan.credit.model.GpuGeneration;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** GPU servers as collateral: valued by generation and age, haircut by the rental price trend. */
class GpuCollateralValuerTest {

  private final GpuCollateralValuer valuer = new GpuCollateralValuer(TestData.DECISIONS);

  private static GuaranteeOffer gpus(GpuGeneration generation, int ageMonths) {
    return new GuaranteeOffer(GuaranteeType.EQUIPMENT_MORTGAGE, "P", new BigDecimal("60000000"),
        new EquipmentCollateral(generation, ageMonths, 256));
  }

  private EquipmentValuation value(GpuGeneration generation, int age, String borrowerPrice, int monthsLater) {
    return valuer.value(0, gpus(generation, age), borrowerPrice == null ? null : new BigDecimal(borrowerPrice),
        monthsLater, 12).valuation();
  }

  @Test
  void shouldValueOlderHardwareOfTheSameGenerationLower() {
    // given: Hopper servers on a 48-month line, valued 12 months ahead
    EquipmentValuation young = value(GpuGeneration.HOPPER, 6, "13.0", 0);
    EquipmentValuation old = value(GpuGeneration.HOPPER, 30, "13.0", 0);

    // then: 6 months old keeps 0.625 / 0.875 of today's value; 30 months old 0.125 / 0.375
    assertThat(young.depreciationFactor()).isEqualByComparingTo("0.7143");
    assertThat(old.depreciationFactor()).isEqualByComparingTo("0.3333");
    assertThat(old.coverValue()).isLessThan(young.coverValue());
  }

  @Test
  void shouldKeepTheGenerationsResidualFloor() {
    // 60 months is past the 48-month line: the 10% floor holds, so the value stops falling
    EquipmentValuation atFloor = value(GpuGeneration.HOPPER, 60, null, 0);

    assertThat(atFloor.residualAtAppraisal()).isEqualByComparingTo("0.10");
    assertThat(atFloor.depreciationFactor()).isEqualByComparingTo("1");
  }

  @Test
  void shouldGrowTheHaircutWhenRentalPricesFall() {
    // the reference table: Hopper 13.0 CNY per GPU-hour now, 17.0 a year ago (-23.5%)
    EquipmentValuation atMarket = value(GpuGeneration.HOPPER, 6, "13.0", 0);
    // Blackwell: 22.0 now, 24.0 a year ago (-8.3%)
    EquipmentValuation steady = value(GpuGeneration.BLACKWELL, 6, "22.0", 0);
    // a Blackwell operator renting at 15.0 is 31.8% below the market
    EquipmentValuation cheap = value(GpuGeneration.BLACKWELL, 6, "15.0", 0);

    assertThat(atMarket.marketTrend()).isEqualByComparingTo("-0.2353");
    assertThat(atMarket.haircut()).isEqualByComparingTo("0.70");
    assertThat(steady.rentalSignal()).isEqualByComparingTo("-0.0833");
    assertThat(steady.haircut()).isEqualByComparingTo("0.55");
    assertThat(cheap.borrowerGap()).isEqualByComparingTo("-0.3182");
    assertThat(cheap.haircut()).isEqualByComparingTo("0.80");
  }

  @Test
  void shouldFallBackToTheFlatHaircutWithoutAnyRentalPrice() {
    // OTHER has no reference price and the borrower reports none
    EquipmentValuation unknown = value(GpuGeneration.OTHER, 0, null, 0);

    assertThat(unknown.rentalSignal()).isNull();
    assertThat(unknown.haircut()).isEqualByComparingTo("0.60");
  }

  @Test
  void shouldLoseValueWhenRevaluedMonthsLater() {
    // a quarterly revaluation a year after approval moves 12 months along the line
    EquipmentValuation atApproval = value(GpuGeneration.HOPPER, 6, "11.5", 0);
    EquipmentValuation ayearLater = value(GpuGeneration.HOPPER, 6, "11.5", 12);

    assertThat(ayearLater.depreciationFactor()).isEqualByComparingTo("0.4286"); // 0.375 / 0.875
    assertThat(ayearLater.coverValue()).isLessThan(atApproval.coverValue());
  }

  @Test
  void shouldValueOnlyGpuEquipmentMortgagesThisWay() {
    assertThat(GpuCollateralValuer.applies(gpus(GpuGeneration.HOPPER, 6))).isTrue();
    assertThat(GpuCollateralValuer.applies(new GuaranteeOffer(GuaranteeType.EQUIPMENT_MORTGAGE, "P",
        BigDecimal.TEN))).isFalse();
    assertThat(GpuCollateralValuer.applies(new GuaranteeOffer(GuaranteeType.MORTGAGE, "P", BigDecimal.TEN,
        new EquipmentCollateral(GpuGeneration.HOPPER, 6, 1)))).isFalse();
  }

  @Test
  void shouldCountGpuServersAtTheirValuationInTheGuaranteeSelection() {
    // given: the data-centre sample's GPU servers (Hopper, 6 months, renting at 11.5)
    LoanApplication app = TestData.sample(TestData.DATA_CENTRE);

    GuaranteeResult r = new GuaranteeSelector(TestData.DECISIONS).assess(app, Tier.A, new BigDecimal("55600000"));

    // then: 12,857,400 of cover instead of the flat 60% haircut's 24,000,000
    assertThat(r.offers().get(1).coverValue()).isEqualByComparingTo("12857400");
    assertThat(r.offers().get(1).haircut()).isEqualByComparingTo("0.7857");
    assertThat(r.firedRules()).extracting(f -> f.decisionId()).contains("GpuCollateral", "GpuRentalHaircut");
    assertThat(r.policyVersions()).anyMatch(v -> v.startsWith("GpuCollateral:v1:"));
  }

  @Test
  void shouldRaiseAShortfallWhenTheGpusLoseValueFasterThanTheLoanAmortises() {
    // given: the data-centre loan approved with its three guarantees (cover 51,657,400 for 55.6m at 80%)
    LoanApplication app = TestData.sample(TestData.DATA_CENTRE);
    var selected = java.util.List.of(new CollateralCheck.Selected(0, new BigDecimal("28000000")),
        new CollateralCheck.Selected(1, new BigDecimal("12857400")), new CollateralCheck.Selected(2,
            new BigDecimal("10800000")));
    CollateralRevaluation revaluation = new CollateralRevaluation(TestData.DECISIONS);

    // when: re-valued at approval, and two years on (interest only until the facility operates, so
    // 52m still outstanding) with the borrower renting at 9.0
    CollateralCheck atStart = revaluation.revalue(app, selected, new BigDecimal("0.8"), new BigDecimal("55600000"),
        0, new BigDecimal("11.5"), 12);
    CollateralCheck later = revaluation.revalue(app, selected, new BigDecimal("0.8"), new BigDecimal("52000000"),
        24, new BigDecimal("9.0"), 12);

    // then: 51,657,400 / 44,480,000 at the start; two years on the GPUs count
    // 60m x 0.1429 (0.125 / 0.875) x (1 - 0.80) = 1,714,800 (borrower 30.8% under the market)
    assertThat(atStart.coverRatio()).isEqualByComparingTo("1.1614");
    assertThat(later.valuations()).singleElement()
        .satisfies(v -> assertThat(v.coverValue()).isEqualByComparingTo("1714800"));
    assertThat(later.requiredCover()).isEqualByComparingTo("41600000");
    assertThat(later.cover()).isEqualByComparingTo("40514800");
    assertThat(later.coverRatio()).isEqualByComparingTo("0.9739");
  }
}
