package cn.computeloan.credit.repayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payments against the schedule: what is overdue after the grace, and when to look again. */
class RepaymentStatusTest {

  // quarterly equal principal of 1,000,000: 261,666.67 due 9 Oct 2025, 257,612.50 due 4 Jan 2026, ...
  private final RepaymentSchedule schedule = new RepaymentScheduler(BusinessCalendarTest.shipped()).schedule(
      new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1000000"), 420, LocalDate.of(2025, 7, 1), 12, 3,
          0, null, null, null));

  private static ReceivedPayment paid(String id, String day, String amount) {
    return new ReceivedPayment(id, LocalDate.parse(day), new BigDecimal(amount));
  }

  @Test
  void shouldCountAnUnpaidInstalmentOverdueOnlyAfterTheGrace() {
    // within the three days' grace (9 Oct + 3 = 12 Oct): not overdue yet
    RepaymentStatus within = RepaymentStatus.of(schedule, List.of(), LocalDate.of(2025, 10, 12), 3);
    // the day after the grace
    RepaymentStatus after = RepaymentStatus.of(schedule, List.of(), LocalDate.of(2025, 10, 13), 3);

    assertThat(within.overdue()).isEmpty();
    assertThat(within.due()).isEqualByComparingTo("261666.67");
    assertThat(within.nextCheck()).isEqualTo(LocalDate.of(2025, 10, 13));
    assertThat(after.overdue()).singleElement().satisfies(o -> {
      assertThat(o.number()).isEqualTo(1);
      assertThat(o.unpaid()).isEqualByComparingTo("261666.67");
      assertThat(o.daysPastDue()).isEqualTo(4);
    });
    assertThat(after.daysOverdue()).isEqualTo(1);
    assertThat(after.arrears()).isEqualByComparingTo("261666.67");
    assertThat(after.nextCheck()).isEqualTo(LocalDate.of(2026, 1, 8));
  }

  @Test
  void shouldApplyPaymentsToTheOldestInstalmentFirst() {
    // given: the first instalment paid on time, half of the second paid late
    List<ReceivedPayment> payments = List.of(paid("P1", "2025-10-09", "261666.67"),
        paid("P2", "2026-01-10", "100000.00"));

    RepaymentStatus s = RepaymentStatus.of(schedule, payments, LocalDate.of(2026, 1, 20), 3);

    assertThat(s.paidPeriods()).containsExactly(1);
    assertThat(s.overdue()).singleElement().satisfies(o -> {
      assertThat(o.number()).isEqualTo(2);
      assertThat(o.unpaid()).isEqualByComparingTo("157612.50");
    });
    assertThat(s.received()).isEqualByComparingTo("361666.67");
  }

  @Test
  void shouldIgnorePaymentsValuedAfterTheCheckDay() {
    RepaymentStatus s = RepaymentStatus.of(schedule, List.of(paid("P1", "2025-10-20", "261666.67")),
        LocalDate.of(2025, 10, 13), 3);

    assertThat(s.overdue()).hasSize(1);
    assertThat(s.received()).isZero();
  }

  @Test
  void shouldHaveNothingToCheckOnceTheLastInstalmentsGraceHasPassed() {
    List<ReceivedPayment> all = schedule.periods().stream()
        .map(p -> new ReceivedPayment("P" + p.number(), p.dueDate(), p.payment())).toList();

    RepaymentStatus s = RepaymentStatus.of(schedule, all, LocalDate.of(2026, 7, 5), 3);

    assertThat(s.overdue()).isEmpty();
    assertThat(s.daysOverdue()).isZero();
    assertThat(s.paidPeriods()).containsExactly(1, 2, 3, 4);
    assertThat(s.nextCheck()).isNull();
  }
}
