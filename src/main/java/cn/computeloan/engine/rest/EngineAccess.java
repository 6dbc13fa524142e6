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

  public EngineAccess(ObjectProvider<EngineCommands> engine) {
    this.engine = engine;
  }

  /** @throws EngineException UNAVAILABLE when no engine is configured */
  public EngineCommands commands() {
    EngineCommands commands = engine.getIfAvailable();
    if (commands == null) {
      throw new EngineException(Reason.UNAVAILABLE, "The embedded engine is not available");
    }
    return commands;
  }

  public boolean isAvailable() {
    return engine.getIfAvailable() != null;
  }
}
