package cn.computeloan.credit.repayment;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days the bank books repayments on: Monday to Friday, minus public holidays, plus the
 * weekend days China's holiday schedule makes working days (调休). The bank maintains the list each
 * year (the State Council publishes it in November); beyond the listed years only weekends are
 * skipped.
 */
public final class BusinessCalendar {

  /** A calendar file may list at most this many days: bounded input, even from configuration. */
  public static final int MAX_ENTRIES = 5_000;

  private final Set<LocalDate> holidays;
  private final Set<LocalDate> workingWeekendDays;

  public BusinessCalendar(Set<LocalDate> holidays, Set<LocalDate> workingWeekendDays) {
    this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    this.workingWeekendDays = Collections.unmodifiableSet(new TreeSet<>(workingWeekendDays));
  }

  /** Weekends only: for tests and for a bank without a holiday list. */
  public static BusinessCalendar weekendsOnly() {
    return new BusinessCalendar(Set.of(), Set.of());
  }

  /**
   * Reads lines {@code yyyy-MM-dd HOLIDAY} or {@code yyyy-MM-dd WORKDAY}; {@code #} starts a comment,
   * blank lines are skipped. A malformed line is an {@link IllegalArgumentException} naming it, so a
   * broken calendar stops the start instead of shifting a due date silently.
   */
  public static BusinessCalendar parse(List<String> lines) {
    Set<LocalDate> holidays = new TreeSet<>();
    Set<LocalDate> workdays = new TreeSet<>();
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.replaceFirst("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("calendar line " + number + ": expected 'yyyy-MM-dd HOLIDAY|WORKDAY'");
      }
      LocalDate day;
      try {
        day = LocalDate.parse(parts[0]);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("calendar line " + number + ": '" + parts[0] + "' is not a date", e);
      }
      switch (parts[1]) {
        case "HOLIDAY" -> holidays.add(day);
        case "WORKDAY" -> workdays.add(day);
        default -> throw new IllegalArgumentException("calendar line " + number + ": '" + parts[1]
            + "' is neither HOLIDAY nor WORKDAY");
      }
      if (holidays.size() + workdays.size() > MAX_ENTRIES) {
        throw new IllegalArgumentException("calendar lists more than " + MAX_ENTRIES + " days");
      }
    }
    Set<LocalDate> both = new TreeSet<>(holidays);
    both.retainAll(workdays);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException("calendar lists " + both + " both as HOLIDAY and as WORKDAY");
    }
    return new BusinessCalendar(holidays, workdays);
  }

  /** Whether repayments are booked on {@code day}. */
  public boolean isBusinessDay(LocalDate day) {
    if (holidays.contains(day)) {
      return false;
    }
    DayOfWeek d = day.getDayOfWeek();
    boolean weekend = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    return !weekend || workingWeekendDays.contains(day);
  }

  /** {@code day} if it is a business day, else the next one. */
  public LocalDate onOrAfter(LocalDate day) {
    LocalDate d = day;
    // a holiday run is at most a couple of weeks; the bound only guards against a corrupt list
    for (int i = 0; i < 366 && !isBusinessDay(d); i++) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The listed holidays (for documentation and tests). */
  public Set<LocalDate> holidays() {
    return holidays;
  }
}
