package cn.computeloan.process;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * The dates post-loan monitoring waits for, computed from the previous date rather than from "now",
 * so that a repayment check in between never postpones the quarterly assessment and a retried job
 * computes the same date.
 */
public final class MonitoringDates {

  private MonitoringDates() {}

  /** {@code from} plus an ISO-8601 period or duration ({@code P3M}, {@code P90D}, {@code PT1H}). */
  public static Instant after(Instant from, String interval) {
    if (interval.contains("T")) {
      return from.plus(Duration.parse(interval));
    }
    return from.atOffset(ZoneOffset.UTC).plus(Period.parse(interval)).toInstant();
  }
}
