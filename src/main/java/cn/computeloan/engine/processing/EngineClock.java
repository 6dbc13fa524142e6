package cn.computeloan.engine.processing;

import java.time.Clock;
import java.time.Instant;

/**
 * The engine's notion of now: the system clock, optionally pinned to an instant or shifted by an
 * offset (Zeebe's controlled clock, used by tests to move time).
 */
public final class EngineClock {

  private final Clock system;
  private volatile Instant pinned;
  private volatile long offsetMillis;

  public EngineClock(Clock system) {
    this.system = system;
  }

  public long millis() {
    Instant p = pinned;
    return (p != null ? p.toEpochMilli() : system.millis()) + offsetMillis;
  }

  public Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  public void pin(Instant instant) {
    this.pinned = instant;
    this.offsetMillis = 0;
  }

  public void add(long millis) {
    this.offsetMillis += millis;
  }

  public void reset() {
    this.pinned = null;
    this.offsetMillis = 0;
  }
}
