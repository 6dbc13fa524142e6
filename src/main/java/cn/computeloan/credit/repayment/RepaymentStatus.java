package cn.computeloan.credit.repayment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a loan stands against its schedule on a day: payments received by then are applied to the
 * instalments oldest first; an instalment not fully paid more than {@code graceDays} after its due
 * date is overdue.
 *
 * @param asOf the day of the check
 * @param graceDays days after a due date before an unpaid instalment is overdue
 * @param received payments with a value date on or before {@code asOf}, CNY
 * @param due instalments due on or before {@code asOf}, CNY
 * @param overdue the overdue instalments, oldest first
 * @param arrears what is overdue, CNY
 * @param daysOverdue days the oldest overdue instalment is past its grace (0: nothing overdue)
 * @param paidPeriods numbers of the instalments paid in full
 * @param nextCheck the next day an instalment becomes overdue if unpaid (null: none left)
 */
public record RepaymentStatus(
    LocalDate asOf,
    int graceDays,
    BigDecimal received,
    BigDecimal due,
    List<OverdueInstalment> overdue,
    BigDecimal arrears,
    int daysOverdue,
    List<Integer> paidPeriods,
    LocalDate nextCheck) {

  /**
   * An instalment not paid in full after its grace.
   *
   * @param number the period
   * @param dueDate its due date
   * @param payment what was due, CNY
   * @param unpaid what is still missing, CNY
   * @param daysPastDue days since the due date
   */
  public record OverdueInstalment(int number, LocalDate dueDate, BigDecimal payment, BigDecimal unpaid,
      int daysPastDue) {}

  /** The standing of {@code schedule} on {@code asOf} with the payments the bank received. */
  public static RepaymentStatus of(RepaymentSchedule schedule, List<ReceivedPayment> payments, LocalDate asOf,
      int graceDays) {
    BigDecimal received = payments.stream().filter(p -> !p.valueDate().isAfter(asOf))
        .map(ReceivedPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    BigDecimal left = received;
    BigDecimal due = BigDecimal.ZERO.setScale(2);
    List<OverdueInstalment> overdue = new ArrayList<>();
    List<Integer> paid = new ArrayList<>();
    LocalDate next = null;
    for (RepaymentPeriod p : schedule.periods()) {
      BigDecimal applied = left.min(p.payment()).max(BigDecimal.ZERO);
      left = left.subtract(applied);
      BigDecimal unpaid = p.payment().subtract(applied);
      if (unpaid.signum() == 0) {
        paid.add(p.number());
      }
      LocalDate overdueFrom = p.dueDate().plusDays(graceDays + 1L);
      if (!p.dueDate().isAfter(asOf)) {
        due = due.add(p.payment());
      }
      if (!overdueFrom.isAfter(asOf) && unpaid.signum() > 0) {
        overdue.add(new OverdueInstalment(p.number(), p.dueDate(), p.payment(), unpaid,
            (int) ChronoUnit.DAYS.between(p.dueDate(), asOf)));
      }
      if (overdueFrom.isAfter(asOf) && next == null) {
        next = overdueFrom;
      }
    }
    BigDecimal arrears = overdue.stream().map(OverdueInstalment::unpaid).reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
    int daysOverdue = overdue.isEmpty() ? 0 : overdue.get(0).daysPastDue() - graceDays;
    return new RepaymentStatus(asOf, graceDays, received, due, List.copyOf(overdue), arrears, daysOverdue,
        List.copyOf(paid), next);
  }
}
