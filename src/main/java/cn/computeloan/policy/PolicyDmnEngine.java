package cn.computeloan.policy;

import java.lang.reflect.Field;
import org.camunda.dmn.DmnEngine;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.FeelEngineApi;
import scala.collection.immutable.List$;

/**
 * DMN-Scala's {@link DmnEngine}, unchanged in parsing and in how it walks decisions, tables, hit
 * policies and the audit log, with one difference: its FEEL engine is a {@link
 * SharedBuiltinsFeelEngine}, which builds FEEL's built-in functions once instead of for every FEEL
 * evaluation.
 *
 * <p>How: DmnEngine builds its FEEL engine (value mapper and function provider loaded by SPI, the
 * clock) into the {@code feelEngine} field and then hands {@code feelEngine()} to its evaluators
 * while it is still being constructed. This class overrides that accessor to return a FEEL engine
 * with the same configuration, read from the engine DmnEngine built, so configuration is never
 * duplicated here. The override runs during the superclass constructor, before this class's field
 * initialisers would run: {@link #sharedFeel} deliberately has none.
 */
public class PolicyDmnEngine extends DmnEngine {

  private static final Field FEEL_API_ENGINE = feelApiEngineField();

  /** Set on first use, which happens inside DmnEngine's constructor; no initialiser on purpose. */
  private FeelEngineApi sharedFeel;

  /** An engine with DMN-Scala's default configuration and the system clock. */
  public PolicyDmnEngine() {
    super(
        new DmnEngine.Configuration(false, false, false),
        List$.MODULE$.empty(),
        FeelEngineClock.SystemClock$.MODULE$);
  }

  @Override
  public FeelEngineApi feelEngine() {
    if (sharedFeel == null) {
      sharedFeel = new FeelEngineApi(new SharedBuiltinsFeelEngine(baseEngine(super.feelEngine())));
    }
    return sharedFeel;
  }

  private static FeelEngine baseEngine(FeelEngineApi api) {
    try {
      return (FeelEngine) FEEL_API_ENGINE.get(api);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the FEEL engine of DMN-Scala", e);
    }
  }

  private static Field feelApiEngineField() {
    try {
      Field field = FeelEngineApi.class.getDeclaredField("engine");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "FEEL-Scala's FeelEngineApi has no 'engine' field: this FEEL-Scala version is not the"
              + " one PolicyDmnEngine was written for (1.19)",
          e);
    }
  }
}
