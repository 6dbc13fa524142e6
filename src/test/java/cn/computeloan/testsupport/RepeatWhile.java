package cn.computeloan.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs a check again and again while other work goes on, for tests of what readers see while a
 * writer commits: the check answers null when it holds and a description when it does not.
 */
public final class RepeatWhile {

  /** How often the check ran and what it found wrong, in order. */
  public record Outcome(int runs, List<String> failures) {}

  private RepeatWhile() {}

  /**
   * Runs {@code check} (given its run's number) until {@code work} is done and it has run at least
   * {@code atLeast} times; then waits for the work, whose failure fails the test.
   */
  public static Outcome running(CompletableFuture<?> work, int atLeast, IntFunction<String> check) throws Exception {
    List<String> failures = new ArrayList<>();
    int runs = 0;
    while (!work.isDone() || runs < atLeast) {
      String failure = check.apply(runs++);
      if (failure != null) {
        failures.add(failure);
      }
    }
    work.get(1, TimeUnit.MINUTES);
    return new Outcome(runs, failures);
  }
}
