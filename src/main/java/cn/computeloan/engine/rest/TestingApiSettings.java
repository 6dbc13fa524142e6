package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.EngineException.Reason;

/**
 * Whether clock control and purge are allowed ({@code compute-loan.engine.testing-api.enabled},
 * default false): they exist for tests and local trials and must never reach production.
 */
public record TestingApiSettings(boolean enabled) {

  /** @throws EngineException FORBIDDEN when the testing API is off */
  public void requireEnabled() {
    if (!enabled) {
      throw new EngineException(
          Reason.FORBIDDEN,
          "Clock control and purge are disabled; set compute-loan.engine.testing-api.enabled=true to allow them");
    }
  }
}
