package cn.computeloan.application.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed log-ins per user name and per client address, each in a window that opens with the
 * first failure; once a name or an address has reached its limit, attempts for it are refused until
 * its window ends. Refused attempts are not counted (retrying does not prolong a lock) and a
 * successful log-in clears its user's count, not its address's (one valid account must not buy an
 * address more guesses). Memory is bounded: past {@code maxTracked} entries the expired ones go
 * first, then those still below their limit, oldest first, so that a flood of random names evicts
 * itself rather than the locks it is meant to wear down.
 *
 * <p>Checking an attempt that is allowed costs two map look-ups and takes no lock.
 */
public final class LoginThrottle {

  private final Counters users;
  private final Counters addresses;
  private final Clock clock;

  public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    this.clock = clock;
    this.users = new Counters(properties.maxFailuresPerUser(), properties.window(), properties.maxTracked());
    this.addresses = new Counters(properties.maxFailuresPerAddress(), properties.window(), properties.maxTracked());
  }

  /**
   * How long an attempt for {@code user} from {@code address} must wait; empty if it may proceed.
   * Either may be null (not counted).
   */
  public Optional<Duration> refusal(String user, String address) {
    Instant now = clock.instant();
    Duration wait = max(users.blockedFor(user, now), addresses.blockedFor(address, now));
    return Optional.ofNullable(wait);
  }

  /** Counts a failed attempt (a wrong password or an unknown user name). */
  public void failed(String user, String address) {
    Instant now = clock.instant();
    users.fail(user, now);
    addresses.fail(address, now);
  }

  /** A successful log-in: the user's failures are forgotten. */
  public void succeeded(String user) {
    users.clear(user);
  }

  /** Forgets every failure (after an incident is resolved; tests). */
  public void reset() {
    users.map.clear();
    addresses.map.clear();
  }

  /** User names and addresses currently remembered. */
  public int tracked() {
    return users.map.size() + addresses.map.size();
  }

  private static Duration max(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private static final class Counters {
    private record Window(Instant start, int failures) {}

    private final ConcurrentHashMap<String, Window> map = new ConcurrentHashMap<>();
    private final int limit;
    private final Duration window;
    private final int maxTracked;

    Counters(int limit, Duration window, int maxTracked) {
      this.limit = limit;
      this.window = window;
      this.maxTracked = maxTracked;
    }

    Duration blockedFor(String key, Instant now) {
      if (key == null) {
        return null;
      }
      Window w = map.get(key);
      if (w == null) {
        return null;
      }
      Instant end = w.start().plus(window);
      if (!now.isBefore(end)) {
        map.remove(key, w);
        return null;
      }
      return w.failures() >= limit ? Duration.between(now, end) : null;
    }

    void fail(String key, Instant now) {
      if (key == null) {
        return;
      }
      map.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(window))
          ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
      if (map.size() > maxTracked) {
        evict(now);
      }
    }

    void clear(String key) {
      if (key != null) {
        map.remove(key);
      }
    }

    /** Down to 90 % of the cap, so that a flood pays for eviction once per many failures. */
    private synchronized void evict(Instant now) {
      if (map.size() <= maxTracked) {
        return;
      }
      map.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(window)));
      int excess = map.size() - maxTracked * 9 / 10;
      if (excess <= 0) {
        return;
      }
      List<Map.Entry<String, Window>> entries = new ArrayList<>(map.entrySet());
      entries.sort(Comparator.<Map.Entry<String, Window>>comparingInt(e -> e.getValue().failures() >= limit ? 1 : 0)
          .thenComparing(e -> e.getValue().start()));
      for (int i = 0; i < excess && i < entries.size(); i++) {
        map.remove(entries.get(i).getKey(), entries.get(i).getValue());
      }
    }
  }
}
