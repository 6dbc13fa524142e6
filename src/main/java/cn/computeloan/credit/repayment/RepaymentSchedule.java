package cn.computeloan.credit.repayment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A loan's repayment schedule: its terms and every period.
 *
 * @param terms what it was computed from
 * @param periods the periods, by due date
 */
public record RepaymentSchedule(PlanTerms terms, List<RepaymentPeriod> periods) {

  public RepaymentSchedule {
    periods = List.copyOf(periods);
  }

  public BigDecimal totalPrincipal() {
    return periods.stream().map(RepaymentPeriod::principal).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal totalInterest() {
    return periods.stream().map(RepaymentPeriod::interest).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal totalSubsidy() {
    return periods.stream().map(RepaymentPeriod::subsidy).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The last due date. */
  public LocalDate maturity() {
    return periods.get(periods.size() - 1).dueDate();
  }

  /** The largest single payment the borrower makes. */
  public BigDecimal largestPayment() {
    return periods.stream().map(RepaymentPeriod::payment).reduce(BigDecimal.ZERO, BigDecimal::max);
  }

  /** Principal still outstanding once every payment due on or before {@code day} is made. */
  public BigDecimal outstandingAfter(LocalDate day) {
    BigDecimal outstanding = terms.principal();
    for (RepaymentPeriod p : periods) {
      if (p.dueDate().isAfter(day)) {
        break;
      }
      outstanding = p.outstanding();
    }
    return outstanding;
  }
}
