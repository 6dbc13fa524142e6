package cn.computeloan.credit.repayment;

import cn.computeloan.credit.pricing.InterestSubsidy;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Everything a repayment schedule is computed from.
 *
 * @param method repayment method
 * @param principal amount lent, CNY
 * @param annualRateBp contract rate, basis points a year (interest on actual days / 360)
 * @param startDate value date: interest runs from here
 * @param termMonths term; maturity is {@code startDate + termMonths} unless {@code bulletDate} is set
 * @param intervalMonths months between payments (1 monthly, 3 quarterly)
 * @param graceMonths interest-only months at the start (INTEREST_ONLY_GRACE)
 * @param balloonShare share of the principal repaid at maturity (BALLOON; 1 = bullet)
 * @param bulletDate maturity of a bullet fixed by a date (order financing: the order's payment date
 *     plus the policy's days), else null
 * @param subsidy the interest subsidy, or null; applied only if eligible
 */
public record PlanTerms(
    RepaymentMethod method,
    BigDecimal principal,
    int annualRateBp,
    LocalDate startDate,
    int termMonths,
    int intervalMonths,
    int graceMonths,
    BigDecimal balloonShare,
    LocalDate bulletDate,
    InterestSubsidy subsidy) {

  /** The contractual maturity before business-day adjustment. */
  public LocalDate nominalMaturity() {
    return bulletDate != null ? bulletDate : startDate.plusMonths(termMonths);
  }

  /** The same terms for another principal and value date (the signed amount, the disbursement day). */
  public PlanTerms withPrincipalAndStart(BigDecimal newPrincipal, LocalDate newStart) {
    return new PlanTerms(method, newPrincipal, annualRateBp, newStart, termMonths, intervalMonths, graceMonths,
        balloonShare, bulletDate, subsidy);
  }
}
