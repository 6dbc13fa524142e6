package cn.computeloan.process;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Dates of a loan are China's calendar days (value date, due dates, payment value dates); process
 * timers are instants in UTC. This is where one becomes the other.
 */
public final class LoanDates {

  /** The bank's calendar: due dates and value dates are days in China. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** A repayment check runs at this time of its day, after the core banking system's night batch. */
  public static final LocalTime CHECK_TIME = LocalTime.of(6, 0);

  private LoanDates() {}

  /** Today in China. */
  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }

  /** The day in China of an instant. */
  public static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZONE);
  }

  /** When a check of {@code day} runs, as a UTC instant. */
  public static Instant checkAt(LocalDate day) {
    return ZonedDateTime.of(day, CHECK_TIME, ZONE).toInstant();
  }

  /** The day an ISO-8601 instant (a timer's date, as the process carries it) falls on in China. */
  public static LocalDate dayOf(String isoInstant) {
    return dayOf(java.time.OffsetDateTime.parse(isoInstant).toInstant());
  }
}
