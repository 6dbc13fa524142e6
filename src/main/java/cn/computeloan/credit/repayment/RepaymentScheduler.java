package cn.computeloan.credit.repayment;

import cn.computeloan.credit.pricing.InterestSubsidy;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes repayment schedules the way Chinese banks do: interest on actual days / 360 at the
 * contract rate on the principal outstanding, money rounded to the fen (interest and subsidy half
 * up, principal instalments down) with the rounding difference in the last period, and due dates
 * moved to the next business day of the bank's calendar. Pure and deterministic.
 */
public final class RepaymentScheduler {

  /** The day-count base (actual / 360). */
  public static final BigDecimal DAY_BASE = BigDecimal.valueOf(360);
  /** At most this many periods: 10 years monthly plus room; bounds the work per plan. */
  public static final int MAX_PERIODS = 400;
  private static final BigDecimal BP = BigDecimal.valueOf(10_000);
  private static final MathContext MC = MathContext.DECIMAL64;

  private final BusinessCalendar calendar;

  public RepaymentScheduler(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  /** The schedule of {@code terms}; terms that cannot produce one are an {@link IllegalArgumentException}. */
  public RepaymentSchedule schedule(PlanTerms terms) {
    check(terms);
    List<LocalDate> dues = dueDates(terms);
    int n = dues.size();
    int grace = terms.method() == RepaymentMethod.INTEREST_ONLY_GRACE ? gracePeriods(terms, n) : 0;
    BigDecimal principal = terms.principal().setScale(2, RoundingMode.HALF_UP);
    BigDecimal balloon = terms.method() == RepaymentMethod.BALLOON
        ? principal.multiply(terms.balloonShare()).setScale(2, RoundingMode.HALF_UP).min(principal)
        : BigDecimal.ZERO;
    BigDecimal evenPrincipal = principal.subtract(balloon)
        .divide(BigDecimal.valueOf(n - grace), 2, RoundingMode.DOWN);
    BigDecimal instalment = terms.method() == RepaymentMethod.EQUAL_INSTALMENT ? annuity(terms, principal, n) : null;
    SubsidyCounter subsidy = new SubsidyCounter(terms);

    List<RepaymentPeriod> periods = new ArrayList<>(n);
    BigDecimal outstanding = principal;
    LocalDate from = terms.startDate();
    for (int k = 1; k <= n; k++) {
      LocalDate due = dues.get(k - 1);
      int days = (int) ChronoUnit.DAYS.between(from, due);
      BigDecimal interest = interest(outstanding, terms.annualRateBp(), days);
      BigDecimal repaid;
      if (k == n) {
        repaid = outstanding; // the rounding difference (and the balloon) lands in the last period
      } else if (k <= grace) {
        repaid = BigDecimal.ZERO.setScale(2);
      } else if (instalment != null) {
        repaid = instalment.subtract(interest).max(BigDecimal.ZERO).min(outstanding);
      } else {
        repaid = evenPrincipal.min(outstanding);
      }
      BigDecimal periodSubsidy = subsidy.next(from, due, days, outstanding, interest);
      outstanding = outstanding.subtract(repaid);
      periods.add(new RepaymentPeriod(k, from, due, days, repaid, interest, periodSubsidy,
          repaid.add(interest).subtract(periodSubsidy), outstanding));
      from = due;
    }
    return new RepaymentSchedule(terms, periods);
  }

  /** Interest on {@code outstanding} for {@code days} at {@code rateBp}: actual / 360, half up to the fen. */
  public static BigDecimal interest(BigDecimal outstanding, int rateBp, int days) {
    return outstanding.multiply(BigDecimal.valueOf(rateBp)).multiply(BigDecimal.valueOf(days))
        .divide(BP.multiply(DAY_BASE), 2, RoundingMode.HALF_UP);
  }

  private static void check(PlanTerms t) {
    if (t.method() == null || t.principal() == null || t.principal().signum() <= 0 || t.startDate() == null) {
      throw new IllegalArgumentException("a schedule needs a method, a positive principal and a value date");
    }
    if (t.annualRateBp() < 0 || t.intervalMonths() < 1 || t.termMonths() < 1 || t.graceMonths() < 0) {
      throw new IllegalArgumentException("rate, interval, term and grace must not be negative (interval and term >= 1)");
    }
    if (t.method() == RepaymentMethod.BALLOON && (t.balloonShare() == null || t.balloonShare().signum() < 0
        || t.balloonShare().compareTo(BigDecimal.ONE) > 0)) {
      throw new IllegalArgumentException("a balloon needs a share between 0 and 1");
    }
    if (!t.nominalMaturity().isAfter(t.startDate())) {
      throw new IllegalArgumentException("maturity " + t.nominalMaturity() + " is not after the value date " + t.startDate());
    }
  }

  /**
   * Contractual dates every {@code intervalMonths} from the value date (counted from the value date,
   * so the 31st stays the month's last day), then maturity; each moved to the next business day. A
   * date the move pushes onto or past maturity's due date merges into the last period.
   */
  private List<LocalDate> dueDates(PlanTerms t) {
    LocalDate maturity = t.nominalMaturity();
    LocalDate lastDue = calendar.onOrAfter(maturity);
    List<LocalDate> dues = new ArrayList<>();
    for (int k = 1; ; k++) {
      LocalDate nominal = t.startDate().plusMonths((long) k * t.intervalMonths());
      if (!nominal.isBefore(maturity)) {
        break;
      }
      LocalDate due = calendar.onOrAfter(nominal);
      if (due.isBefore(lastDue) && (dues.isEmpty() || due.isAfter(dues.get(dues.size() - 1)))) {
        dues.add(due);
      }
      if (dues.size() >= MAX_PERIODS) {
        throw new IllegalArgumentException("more than " + MAX_PERIODS + " periods");
      }
    }
    dues.add(lastDue);
    return dues;
  }

  /** Interest-only periods: those whose contractual date falls within the grace; at least one repays. */
  private static int gracePeriods(PlanTerms t, int n) {
    LocalDate graceEnd = t.startDate().plusMonths(t.graceMonths());
    int grace = 0;
    for (int k = 1; k < n && !t.startDate().plusMonths((long) k * t.intervalMonths()).isAfter(graceEnd); k++) {
      grace = k;
    }
    return grace;
  }

  /** The level instalment at the nominal periodic rate (annual rate x interval / 12). */
  private static BigDecimal annuity(PlanTerms t, BigDecimal principal, int n) {
    BigDecimal r = BigDecimal.valueOf(t.annualRateBp()).multiply(BigDecimal.valueOf(t.intervalMonths()))
        .divide(BP.multiply(BigDecimal.valueOf(12)), MC);
    if (r.signum() == 0) {
      return principal.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }
    BigDecimal discount = BigDecimal.ONE.subtract(BigDecimal.ONE.divide(BigDecimal.ONE.add(r).pow(n, MC), MC));
    return principal.multiply(r).divide(discount, 2, RoundingMode.HALF_UP);
  }

  /** The subsidy of each period: within the subsidy's months, share or basis points, up to the cap. */
  private static final class SubsidyCounter {
    private final InterestSubsidy subsidy;
    private final LocalDate end;
    private BigDecimal remaining;

    SubsidyCounter(PlanTerms t) {
      InterestSubsidy s = t.subsidy();
      this.subsidy = s != null && s.eligible() ? s : null;
      this.end = subsidy == null || subsidy.periodMonths() == null ? null
          : t.startDate().plusMonths(subsidy.periodMonths());
      this.remaining = subsidy == null || subsidy.capCny() == null ? null : subsidy.capCny();
    }

    BigDecimal next(LocalDate from, LocalDate due, int days, BigDecimal outstanding, BigDecimal interest) {
      if (subsidy == null || days == 0) {
        return BigDecimal.ZERO.setScale(2);
      }
      LocalDate until = end == null || due.isBefore(end) ? due : end;
      long covered = Math.max(0, ChronoUnit.DAYS.between(from, until));
      BigDecimal amount;
      if (subsidy.shareOfInterest() != null) {
        amount = interest.multiply(subsidy.shareOfInterest()).multiply(BigDecimal.valueOf(covered))
            .divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
      } else if (subsidy.basisPoints() != null) {
        amount = interest(outstanding, subsidy.basisPoints(), (int) covered);
      } else {
        amount = BigDecimal.ZERO.setScale(2);
      }
      amount = amount.min(interest);
      if (remaining != null) {
        amount = amount.min(remaining);
        remaining = remaining.subtract(amount);
      }
      return amount;
    }
  }
}
