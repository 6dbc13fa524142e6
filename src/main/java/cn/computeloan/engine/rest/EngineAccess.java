package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineCommands;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.EngineException.Reason;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's command API as the controllers reach it. The engine bean may be missing (e.g. while
 * the application runs without an engine implementation): commands then answer 503 instead of the
 * application failing to start.
 */
public class EngineAccess {

  private final ObjectProvider<EngineCommands> engine;
  /**
   * The engine once found: resolving it through the bean factory on every request cost a few per cent
   * of the CPU of a job completion (candidate matching, qualifier lookups) in the engine benchmark.
   */
  private volatile EngineCommands resolved;

  public EngineAccess(ObjectProvider<EngineCommands> engine) {
    this.engine = engine;
  }

  /** @throws EngineException UNAVAILABLE when no engine is configured */
  public EngineCommands commands() {
    EngineCommands commands = resolved;
    if (commands == null) {
      commands = engine.getIfAvailable();
      resolved = commands;
    }
    if (commands == null) {
      throw new EngineException(Reason.UNAVAILABLE, "The embedded engine is not available");
    }
    return commands;
  }

  public boolean isAvailable() {
    if (resolved == null) {
      resolved = engine.getIfAvailable();
    }
    return resolved != null;
  }
}
