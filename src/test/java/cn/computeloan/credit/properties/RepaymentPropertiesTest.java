package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.pricing.InterestSubsidy;
import cn.computeloan.credit.repayment.BusinessCalendar;
import cn.computeloan.credit.repayment.PlanTerms;
import cn.computeloan.credit.repayment.RepaymentMethod;
import cn.computeloan.credit.repayment.RepaymentPeriod;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.credit.repayment.RepaymentScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the method, amount, rate, term, grace, balloon, value date and subsidy: the principal
 * repaid adds up to the amount, the loan ends at zero, nothing is negative, every due date is a
 * business day after the previous one, every period's interest is the outstanding principal at the
 * rate for its actual days / 360, and the subsidy never exceeds the interest or its cap.
 */
class RepaymentPropertiesTest {

  private static final BusinessCalendar CALENDAR = calendar();
  private final RepaymentScheduler scheduler = new RepaymentScheduler(CALENDAR);

  private static BusinessCalendar calendar() {
    try (InputStream in = RepaymentPropertiesTest.class.getResourceAsStream("/calendar/cn-business-days.txt")) {
      return BusinessCalendar.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<PlanTerms> plans() {
    Arbitrary<RepaymentMethod> method = Arbitraries.of(RepaymentMethod.class);
    Arbitrary<BigDecimal> principal = Arbitraries.bigDecimals().between(new BigDecimal("1000.00"),
        new BigDecimal("200000000.00")).ofScale(2);
    Arbitrary<Integer> rate = Arbitraries.integers().between(0, 2_000);
    Arbitrary<LocalDate> start = Arbitraries.integers().between(0, 3 * 365)
        .map(d -> LocalDate.of(2025, 1, 1).plusDays(d));
    Arbitrary<Integer> term = Arbitraries.integers().between(1, 120);
    Arbitrary<Integer> interval = Arbitraries.of(1, 3, 6);
    Arbitrary<Integer> grace = Arbitraries.integers().between(0, 24);
    Arbitrary<BigDecimal> balloon = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(2);
    Arbitrary<InterestSubsidy> subsidy = Combinators.combine(
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(2).injectNull(0.5),
            Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 5_000_000),
            Arbitraries.integers().between(1, 60))
        .as((share, bp, cap, months) -> new InterestSubsidy("P", true, "issuer", share, share == null ? bp : null,
            BigDecimal.valueOf(cap), months, 0, "r", "zh", "en"))
        .injectNull(0.4);
    return Combinators.combine(method, principal, rate, start, term, interval, grace, balloon)
        .as((m, p, r, s, t, i, g, b) -> new PlanTerms(m, p, r, s, t, Math.min(i, t), g, b, null, null))
        .flatMap(t -> subsidy.map(sub -> new PlanTerms(t.method(), t.principal(), t.annualRateBp(), t.startDate(),
            t.termMonths(), t.intervalMonths(), t.graceMonths(), t.balloonShare(), t.bulletDate(), sub)));
  }

  @Property(tries = 400)
  void principalAddsUpToTheAmountAndTheLoanEndsAtZero(@ForAll("plans") PlanTerms terms) {
    RepaymentSchedule s = scheduler.schedule(terms);

    assertThat(s.totalPrincipal()).isEqualByComparingTo(terms.principal());
    assertThat(s.periods().get(s.periods().size() - 1).outstanding()).isZero();
  }

  @Property(tries = 400)
  void noPeriodIsNegativeAndTheOutstandingNeverRises(@ForAll("plans") PlanTerms terms) {
    RepaymentSchedule s = scheduler.schedule(terms);

    BigDecimal before = terms.principal();
    for (RepaymentPeriod p : s.periods()) {
      assertThat(p.principal()).isNotNegative();
      assertThat(p.interest()).isNotNegative();
      assertThat(p.subsidy()).isNotNegative().isLessThanOrEqualTo(p.interest());
      assertThat(p.payment()).isNotNegative();
      assertThat(p.outstanding()).isNotNegative().isLessThanOrEqualTo(before);
      before = p.outstanding();
    }
  }

  @Property(tries = 400)
  void interestIsTheOutstandingAtTheRateForActualDaysOver360(@ForAll("plans") PlanTerms terms) {
    RepaymentSchedule s = scheduler.schedule(terms);

    BigDecimal outstanding = terms.principal();
    LocalDate from = terms.startDate();
    for (RepaymentPeriod p : s.periods()) {
      long days = java.time.temporal.ChronoUnit.DAYS.between(from, p.dueDate());
      BigDecimal expected = outstanding.multiply(BigDecimal.valueOf(terms.annualRateBp()))
          .multiply(BigDecimal.valueOf(days)).divide(new BigDecimal("3600000"), 2, java.math.RoundingMode.HALF_UP);
      assertThat(p.days()).isEqualTo(days);
      assertThat(p.interest()).isEqualByComparingTo(expected);
      assertThat(p.payment()).isEqualByComparingTo(p.principal().add(p.interest()).subtract(p.subsidy()));
      outstanding = p.outstanding();
      from = p.dueDate();
    }
  }

  @Property(tries = 400)
  void everyDueDateIsABusinessDayAfterThePreviousOne(@ForAll("plans") PlanTerms terms) {
    RepaymentSchedule s = scheduler.schedule(terms);

    LocalDate previous = terms.startDate();
    for (RepaymentPeriod p : s.periods()) {
      assertThat(CALENDAR.isBusinessDay(p.dueDate())).as(p.dueDate().toString()).isTrue();
      assertThat(p.dueDate()).isAfter(previous);
      previous = p.dueDate();
    }
    assertThat(s.maturity()).isEqualTo(CALENDAR.onOrAfter(terms.nominalMaturity()));
  }

  @Property(tries = 300)
  void theSubsidyStaysWithinItsCap(@ForAll("plans") PlanTerms terms) {
    RepaymentSchedule s = scheduler.schedule(terms);

    if (terms.subsidy() == null) {
      assertThat(s.totalSubsidy()).isZero();
    } else {
      assertThat(s.totalSubsidy()).isLessThanOrEqualTo(terms.subsidy().capCny());
    }
  }
}
