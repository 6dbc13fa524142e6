package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ModelProblem;
import cn.computeloan.engine.model.TimerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * Parses Zeebe's timer values: ISO-8601 date-times, durations (with calendar parts such as
 * {@code P3M}), repeating intervals {@code R[n]/[start/]interval}, and cron expressions.
 *
 * @param first the first due date
 * @param repetitions -1 infinite, otherwise how many times it fires in all
 */
public record TimerSchedule(long first, int repetitions, String interval, String cron) {

  public static TimerSchedule date(String text) {
    return new TimerSchedule(parseDateTime(text), 1, null, null);
  }

  public static TimerSchedule duration(String text, long now) {
    return new TimerSchedule(add(now, text), 1, null, null);
  }

  public static TimerSchedule cycle(String text, long now) {
    String value = text.trim();
    if (!value.startsWith("R")) {
      CronExpression cron = CronExpression.parse(value);
      return new TimerSchedule(nextCron(cron, now), -1, null, value);
    }
    String[] parts = value.split("/");
    String count = parts[0].substring(1);
    int repetitions = count.isEmpty() ? -1 : Integer.parseInt(count);
    if (parts.length == 3) {
      long start = parseDateTime(parts[1]);
      return new TimerSchedule(start, repetitions, parts[2], null);
    }
    if (parts.length != 2) {
      throw new IllegalArgumentException("Invalid time cycle '" + text + "'");
    }
    return new TimerSchedule(add(now, parts[1]), repetitions, parts[1], null);
  }

  /**
   * Checks the static (non-expression) timer values of a process, as Zeebe does at deployment, so
   * that a malformed date, duration or cycle is refused up front instead of raising an incident.
   */
  public static List<ModelProblem> validate(Collection<ExecutableElement> elements) {
    List<ModelProblem> problems = new ArrayList<>();
    for (ExecutableElement element : elements) {
      TimerDefinition timer = element.timer();
      if (timer == null || timer.expression() == null || timer.expression().startsWith("=")) {
        continue;
      }
      String text = timer.expression();
      try {
        if (text.isBlank()) {
          throw new IllegalArgumentException("the value is empty");
        }
        switch (timer.kind()) {
          case DATE -> date(text);
          case DURATION -> duration(text, 0);
          case CYCLE -> cycle(text, 0);
        }
      } catch (RuntimeException e) {
        problems.add(new ModelProblem(element.id(), element.kind().name(), "has an invalid timer %s '%s': %s"
            .formatted(timer.kind().name().toLowerCase(), text, e.getMessage())));
      }
    }
    return problems;
  }

  /** The due date after {@code due}, for the next repetition. */
  public long next(long due) {
    if (cron != null) {
      return nextCron(CronExpression.parse(cron), due);
    }
    return add(due, interval);
  }

  static long add(long from, String interval) {
    ZonedDateTime start = Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC);
    String text = interval.trim();
    int t = text.indexOf('T');
    try {
      if (t < 0) {
        return start.plus(Period.parse(text)).toInstant().toEpochMilli();
      }
      String datePart = text.substring(0, t);
      ZonedDateTime shifted = datePart.equals("P") ? start : start.plus(Period.parse(datePart));
      return shifted.plus(Duration.parse("P" + text.substring(t))).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid duration '" + interval + "'", e);
    }
  }

  static long parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(text.trim()).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("Invalid date-time format '" + text + "'", e2);
      }
    }
  }

  private static long nextCron(CronExpression cron, long after) {
    ZonedDateTime next = cron.next(Instant.ofEpochMilli(after).atZone(ZoneOffset.UTC));
    if (next == null) {
      throw new IllegalArgumentException("cron expression never fires");
    }
    return next.toInstant().toEpochMilli();
  }
}
