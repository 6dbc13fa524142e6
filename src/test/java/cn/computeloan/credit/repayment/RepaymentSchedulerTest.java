package cn.computeloan.credit.repayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.credit.pricing.InterestSubsidy;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The four methods against hand calculations: 1,000,000 CNY at 420 bp for 12 months, quarterly,
 * from 1 July 2025 (docs/policy.md, "Repayment plans"). Due dates: 1 October 2025 is National Day
 * (moved to 9 October), 1 January 2026 New Year (moved to Sunday 4 January, a make-up working day).
 */
class RepaymentSchedulerTest {

  private static final LocalDate START = LocalDate.of(2025, 7, 1);
  private final RepaymentScheduler scheduler = new RepaymentScheduler(BusinessCalendarTest.shipped());

  private static PlanTerms terms(RepaymentMethod method, int grace, String balloon) {
    return new PlanTerms(method, new BigDecimal("1000000"), 420, START, 12, 3, grace,
        balloon == null ? null : new BigDecimal(balloon), null, null);
  }

  private static List<String> column(RepaymentSchedule s, java.util.function.Function<RepaymentPeriod, Object> f) {
    return s.periods().stream().map(f).map(String::valueOf).toList();
  }

  /** interest = outstanding x 4.20% x days / 360, half up to the fen: the hand calculation. */
  private static BigDecimal byHand(String outstanding, int days) {
    return new BigDecimal(outstanding).multiply(new BigDecimal("0.042")).multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(360), 2, RoundingMode.HALF_UP);
  }

  @Test
  void shouldScheduleEqualPrincipalAsByHand() {
    RepaymentSchedule s = scheduler.schedule(terms(RepaymentMethod.EQUAL_PRINCIPAL, 0, null));

    assertThat(column(s, RepaymentPeriod::dueDate)).containsExactly("2025-10-09", "2026-01-04", "2026-04-01",
        "2026-07-01");
    assertThat(column(s, RepaymentPeriod::days)).containsExactly("100", "87", "87", "91");
    assertThat(column(s, RepaymentPeriod::principal)).containsOnly("250000.00");
    assertThat(s.periods()).extracting(RepaymentPeriod::interest).containsExactly(byHand("1000000", 100),
        byHand("750000", 87), byHand("500000", 87), byHand("250000", 91));
    assertThat(column(s, RepaymentPeriod::interest)).containsExactly("11666.67", "7612.50", "5075.00", "2654.17");
    assertThat(s.totalInterest()).isEqualByComparingTo("27008.34");
    assertThat(s.periods().get(3).outstanding()).isZero();
  }

  @Test
  void shouldScheduleEqualInstalmentsAtTheLevelPaymentWithTheRoundingInTheLastPeriod() {
    RepaymentSchedule s = scheduler.schedule(terms(RepaymentMethod.EQUAL_INSTALMENT, 0, null));

    // A = P r / (1 - (1 + r)^-n), r = 4.20% x 3 / 12 = 1.05%, n = 4
    BigDecimal r = new BigDecimal("0.0105");
    BigDecimal level = new BigDecimal("1000000").multiply(r).divide(BigDecimal.ONE.subtract(
        BigDecimal.ONE.divide(BigDecimal.ONE.add(r).pow(4), MathContext.DECIMAL64)), 2, RoundingMode.HALF_UP);
    assertThat(level).isEqualByComparingTo("256596.77");
    assertThat(column(s, RepaymentPeriod::payment)).containsExactly("256596.77", "256596.77", "256596.77",
        "257381.44");
    // interest on actual days of what is outstanding; principal is the rest of the level payment
    assertThat(s.periods().get(1).interest()).isEqualTo(byHand("755069.90", 87));
    assertThat(column(s, RepaymentPeriod::principal)).containsExactly("244930.10", "248932.81", "251459.48",
        "254677.61");
    assertThat(s.totalPrincipal()).isEqualByComparingTo("1000000");
  }

  @Test
  void shouldChargeOnlyInterestDuringTheGraceThenRepayEqualPrincipal() {
    RepaymentSchedule s = scheduler.schedule(terms(RepaymentMethod.INTEREST_ONLY_GRACE, 6, null));

    assertThat(column(s, RepaymentPeriod::principal)).containsExactly("0.00", "0.00", "500000.00", "500000.00");
    assertThat(column(s, RepaymentPeriod::interest)).containsExactly("11666.67", "10150.00", "10150.00", "5308.33");
    assertThat(s.periods().get(2).interest()).isEqualTo(byHand("1000000", 87));
    assertThat(s.totalInterest()).isEqualByComparingTo("37275.00");
  }

  @Test
  void shouldLeaveTheBalloonToTheLastPeriod() {
    RepaymentSchedule s = scheduler.schedule(terms(RepaymentMethod.BALLOON, 0, "0.3"));

    // 70% in four equal parts of 175,000; the 300,000 balloon with the last part
    assertThat(column(s, RepaymentPeriod::principal)).containsExactly("175000.00", "175000.00", "175000.00",
        "475000.00");
    assertThat(column(s, RepaymentPeriod::interest)).containsExactly("11666.67", "8373.75", "6597.50", "5042.92");
  }

  @Test
  void shouldRepayABulletOnTheFixedDateWithMonthlyInterestBefore() {
    // given: order financing, the whole principal 30 days after the order is paid (here 30 April 2026)
    PlanTerms bullet = new PlanTerms(RepaymentMethod.BALLOON, new BigDecimal("19200000"), 410,
        LocalDate.of(2025, 6, 30), 12, 1, 0, BigDecimal.ONE, LocalDate.of(2026, 4, 30), null);

    RepaymentSchedule s = scheduler.schedule(bullet);

    assertThat(s.maturity()).isEqualTo(LocalDate.of(2026, 4, 30));
    assertThat(s.periods()).hasSize(10);
    assertThat(s.periods().subList(0, 9)).allSatisfy(p -> assertThat(p.principal()).isZero());
    assertThat(s.periods().get(9).principal()).isEqualByComparingTo("19200000");
    assertThat(s.periods().get(0).interest()).isEqualByComparingTo("65600.00"); // 19.2m x 4.10% x 30 / 360
  }

  @Test
  void shouldPutTheRoundingDifferenceInTheLastPeriod() {
    PlanTerms thirds = new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1000000"), 0, START, 3, 1, 0,
        null, null, null);

    RepaymentSchedule s = scheduler.schedule(thirds);

    assertThat(column(s, RepaymentPeriod::principal)).containsExactly("333333.33", "333333.33", "333333.34");
  }

  @Test
  void shouldKeepTheMonthEndWhenTheValueDateIsTheLastDayOfAMonth() {
    PlanTerms monthEnd = new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("300000"), 400,
        LocalDate.of(2025, 1, 31), 3, 1, 0, null, null, null);

    // 28 February 2025 is a Friday, 31 March a Monday, 30 April a Wednesday
    assertThat(column(scheduler.schedule(monthEnd), RepaymentPeriod::dueDate))
        .containsExactly("2025-02-28", "2025-03-31", "2025-04-30");
  }

  @Test
  void shouldTakeTheSubsidysShareOfTheInterestWithinItsMonthsAndCap() {
    // given: half the interest for the first 6 months, at most 10,000 CNY
    InterestSubsidy half = new InterestSubsidy("P", true, "财政", new BigDecimal("0.5"), null,
        new BigDecimal("10000"), 6, 210, "r", "zh", "en");
    PlanTerms t = new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1000000"), 420, START, 12, 3, 0,
        null, null, half);

    RepaymentSchedule s = scheduler.schedule(t);

    // period 1: half of 11,666.67 = 5,833.34 (half up); period 2 runs 9 Oct - 4 Jan, the subsidy until
    // 1 Jan: 84 of 87 days of 7,612.50 / 2 = 3,675.00, but only 4,166.66 of the cap is left: 3,675.00
    assertThat(column(s, RepaymentPeriod::subsidy)).containsExactly("5833.34", "3675.00", "0.00", "0.00");
    assertThat(s.periods().get(0).payment()).isEqualByComparingTo("255833.33");
    assertThat(s.totalSubsidy()).isLessThanOrEqualTo(new BigDecimal("10000"));
  }

  @Test
  void shouldStopTheSubsidyAtItsCap() {
    InterestSubsidy capped = new InterestSubsidy("P", true, "财政", null, 100, new BigDecimal("3000"), 12, 100, "r",
        "zh", "en");
    PlanTerms t = new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1000000"), 420, START, 12, 3, 0,
        null, null, capped);

    RepaymentSchedule s = scheduler.schedule(t);

    // 100 bp of 1,000,000 for 100 days = 2,777.78; then only 222.22 of the cap is left
    assertThat(column(s, RepaymentPeriod::subsidy)).containsExactly("2777.78", "222.22", "0.00", "0.00");
  }

  @Test
  void shouldGiveNoSubsidyWhenTheLoanIsNotEligible() {
    InterestSubsidy refused = new InterestSubsidy("P", false, null, new BigDecimal("0.5"), null,
        new BigDecimal("10000"), 6, 0, "r", "zh", "en");
    PlanTerms t = new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1000000"), 420, START, 12, 3, 0,
        null, null, refused);

    assertThat(scheduler.schedule(t).totalSubsidy()).isZero();
  }

  @Test
  void shouldRefuseTermsThatCannotBeScheduled() {
    assertThatThrownBy(() -> scheduler.schedule(new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, BigDecimal.ZERO, 420,
        START, 12, 1, 0, null, null, null))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scheduler.schedule(new PlanTerms(RepaymentMethod.BALLOON, BigDecimal.TEN, 420, START,
        12, 1, 0, new BigDecimal("1.5"), null, null))).hasMessageContaining("share");
    assertThatThrownBy(() -> scheduler.schedule(new PlanTerms(RepaymentMethod.BALLOON, BigDecimal.TEN, 420, START,
        12, 1, 0, BigDecimal.ONE, START.minusDays(1), null))).hasMessageContaining("not after the value date");
  }
}
