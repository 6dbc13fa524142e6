package cn.computeloan.engine.query.search;

import java.time.Duration;

/** A search ran past its time budget and was stopped: a 503 (the caller may narrow the filter and retry). */
public class SearchTimeoutException extends RuntimeException {

  public SearchTimeoutException(Duration budget) {
    super("The search did not finish within its time budget of " + budget.toMillis()
        + " ms and was stopped; narrow the filter and retry");
  }
}
