package cn.computeloan.credit.repayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bank's business days: weekends, China's public holidays and the make-up working days. */
class BusinessCalendarTest {

  static BusinessCalendar shipped() {
    try (InputStream in = BusinessCalendarTest.class.getResourceAsStream("/calendar/cn-business-days.txt")) {
      return BusinessCalendar.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldMoveADueDateInTheNationalDayHolidayToTheFirstWorkingDayAfterIt() {
    // given: the shipped calendar (National Day and Mid-Autumn 2025: 1 to 8 October)
    BusinessCalendar calendar = shipped();

    // when / then
    assertThat(calendar.isBusinessDay(LocalDate.of(2025, 10, 1))).isFalse();
    assertThat(calendar.onOrAfter(LocalDate.of(2025, 10, 1))).isEqualTo(LocalDate.of(2025, 10, 9));
  }

  @Test
  void shouldBookOnAMakeUpWeekendDay() {
    // given: 4 January 2026 is a Sunday the holiday schedule makes a working day
    BusinessCalendar calendar = shipped();

    // then: a due date on New Year's Day moves to that Sunday, not to Monday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 1, 4))).isTrue();
    assertThat(calendar.onOrAfter(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 1, 4));
  }

  @Test
  void shouldSkipOnlyWeekendsBeyondTheListedYears() {
    BusinessCalendar calendar = shipped();

    // 1 June 2030 is a Saturday; 1 October 2030 is not listed, so it is a business day (Tuesday)
    assertThat(calendar.onOrAfter(LocalDate.of(2030, 6, 1))).isEqualTo(LocalDate.of(2030, 6, 3));
    assertThat(calendar.isBusinessDay(LocalDate.of(2030, 10, 1))).isTrue();
    assertThat(calendar.onOrAfter(LocalDate.of(2025, 7, 1))).isEqualTo(LocalDate.of(2025, 7, 1));
  }

  @Test
  void shouldRefuseAMalformedLineNamingIt() {
    assertThatThrownBy(() -> BusinessCalendar.parse(List.of("# ok", "2025-10-01 HOLIDAY", "2025-13-01 HOLIDAY")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
    assertThatThrownBy(() -> BusinessCalendar.parse(List.of("2025-10-01 FEAST")))
        .hasMessageContaining("neither HOLIDAY nor WORKDAY");
    assertThatThrownBy(() -> BusinessCalendar.parse(List.of("2025-10-01")))
        .hasMessageContaining("line 1");
  }

  @Test
  void shouldRefuseADayListedBothAsHolidayAndAsWorkday() {
    assertThatThrownBy(() -> BusinessCalendar.parse(List.of("2025-10-11 HOLIDAY", "2025-10-11 WORKDAY")))
        .hasMessageContaining("2025-10-11");
  }
}
