package cn.computeloan.engine.processing.behavior;

import java.time.Clock;
import java.time.Instant;

/**
 * The engine's notion of now: the system clock, optionally pinned to an instant or shifted by an
 * offset (Zeebe's controlled clock, used by tests to move time).
 *
 * <p>While a command runs the clock is frozen at the command's time, so that everything the
 * command computes (deadlines, due dates, record timestamps, FEEL's {@code now()}) uses one instant
 * and replaying the command at that instant computes the same.
 */
public final class EngineClock {

  private static final long NOT_FROZEN = Long.MIN_VALUE;

  private final Clock system;
  private volatile Instant pinned;
  private volatile long offsetMillis;
  private volatile long frozen = NOT_FROZEN;

  public EngineClock(Clock system) {
    this.system = system;
  }

  public long millis() {
    long f = frozen;
    return f != NOT_FROZEN ? f : live();
  }

  private long live() {
    Instant p = pinned;
    return (p != null ? p.toEpochMilli() : system.millis()) + offsetMillis;
  }

  public Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  public void pin(Instant instant) {
    this.pinned = instant;
    this.offsetMillis = 0;
    if (frozen != NOT_FROZEN) {
      frozen = live();
    }
  }

  public void add(long millis) {
    this.offsetMillis += millis;
    if (frozen != NOT_FROZEN) {
      frozen += millis;
    }
  }

  public void reset() {
    this.pinned = null;
    this.offsetMillis = 0;
    if (frozen != NOT_FROZEN) {
      frozen = live();
    }
  }

  /** The pinned instant, or null when the clock follows the system clock. */
  public Instant pinned() {
    return pinned;
  }

  public long offsetMillis() {
    return offsetMillis;
  }

  /** Sets the pin and offset captured in a snapshot. */
  public void restore(Instant pinnedInstant, long offset) {
    this.pinned = pinnedInstant;
    this.offsetMillis = offset;
  }

  /** Holds the clock at {@code millis} for the command being processed. */
  public void freeze(long millis) {
    frozen = millis;
  }

  public void unfreeze() {
    frozen = NOT_FROZEN;
  }
}
