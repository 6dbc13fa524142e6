package cn.computeloan.policy;

import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.SuccessfulEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvaluationFailureCollector;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.impl.parser.ExpressionValidator;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import scala.Option;
import scala.collection.immutable.List;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.control.NonFatal$;

/**
 * A FEEL-Scala engine that builds its table of built-in functions once instead of for every
 * evaluation.
 *
 * <p>FEEL-Scala 1.19's {@code FeelEngine.evaluate} creates a new root context, and with it a new
 * {@link BuiltinFunctions} (a few hundred function values merged into immutable maps), for every
 * expression it evaluates; DMN-Scala calls it for every input expression, input cell and output
 * cell of a decision table, so that construction was about 80 % of the cost of a policy
 * evaluation. The built-in functions hold no state (the temporal ones read the clock when they are
 * called), so one instance can serve every evaluation and every thread.
 *
 * <p>Everything else is what {@code FeelEngine.evaluate} does, in the same order and with the same
 * failure messages: validate the parsed expression, evaluate it with the same interpreter class in
 * a fresh root context (fresh failure collector) merged with the caller's context (whose variables
 * are read in place rather than copied, see {@link #rootContextWith}), report an
 * assertion failure, an error value or a thrown non-fatal exception as a failed result, and unpack
 * the value with the engine's value mapper. {@code PolicyDmnEngineEquivalenceTest} compares this
 * engine with an unmodified DMN-Scala engine on every policy table.
 */
final class SharedBuiltinsFeelEngine extends FeelEngine {

  private static final List<EvaluationFailure> NO_FAILURES =
      CollectionConverters.asScala(java.util.List.<EvaluationFailure>of()).toList();

  private final FunctionProvider functions;
  private final FeelInterpreter interpreter;
  private final ExpressionValidator validator;

  /** An engine with the configuration (functions, value mapper, clock, options) of {@code base}. */
  SharedBuiltinsFeelEngine(FeelEngine base) {
    super(base.functionProvider(), base.valueMapper(), base.configuration(), base.clock());
    BuiltinFunctions builtins = new BuiltinFunctions(clock(), valueMapper());
    // Same provider order as FEEL-Scala's root context: built-ins first, then custom functions.
    this.functions =
        new FunctionProvider.CompositeFunctionProvider(
            CollectionConverters.asScala(java.util.List.of(builtins, functionProvider())).toList());
    this.interpreter = new FeelInterpreter(valueMapper());
    this.validator = new ExpressionValidator(configuration().externalFunctionsEnabled());
  }

  @Override
  @SuppressWarnings("deprecation") // the method DmnEngine calls through FeelEngineApi
  public EvaluationResult evaluate(ParsedExpression expression, Context context) {
    try {
      Option<FeelEngine.Failure> invalid = validator.validateExpression(expression.expression());
      if (invalid.isDefined()) {
        return failed(
            "validation of expression '" + expression.text() + "' failed: "
                + invalid.get().message(),
            NO_FAILURES);
      }
      EvalContext evalContext = rootContextWith(context);
      Val value = interpreter.eval(expression.expression(), evalContext);
      return result(expression, value, evalContext.failureCollector().failures());
    } catch (Throwable t) {
      if (!NonFatal$.MODULE$.apply(t)) {
        throw t;
      }
      return failed(
          "failed to evaluate expression '" + expression.text() + "' : " + t,
          NO_FAILURES);
    }
  }

  /**
   * The root context merged with the caller's context, as FEEL-Scala builds it, with a fresh
   * failure collector (it is mutable). For the {@link Context.StaticContext} DMN-Scala passes,
   * FEEL-Scala would first copy the variables into an insertion-ordered map in the source map's
   * iteration order; that copy was the largest cost left per evaluation. Here the variables are
   * looked up in the source map itself: same names, values and iteration order (the only things a
   * variable provider exposes), no copy. Functions: the caller's first, then the root's, as
   * FEEL-Scala merges them.
   */
  private EvalContext rootContextWith(Context context) {
    if (context instanceof Context.StaticContext staticContext) {
      FunctionProvider callerFunctions =
          new FunctionProvider.StaticFunctionProvider(staticContext.functions());
      return new EvalContext(
          valueMapper(),
          new VariableProvider.StaticVariableProvider(staticContext.variables()),
          new FunctionProvider.CompositeFunctionProvider(
              CollectionConverters.asScala(java.util.List.of(callerFunctions, functions)).toList()),
          new EvaluationFailureCollector());
    }
    return EvalContext.create(valueMapper(), functions).merge(context);
  }

  private EvaluationResult result(
      ParsedExpression expression, Val value, List<EvaluationFailure> failures) {
    Option<EvaluationFailure> assertion =
        failures.find(f -> f.failureType() == EvaluationFailureType.ASSERT_FAILURE$.MODULE$);
    if (assertion.isDefined()) {
      return failed(
          "Assertion failure on evaluate the expression '" + expression.text() + "': "
              + assertion.get().failureMessage(),
          failures);
    }
    if (value instanceof ValError error) {
      return failed(
          "failed to evaluate expression '" + expression.text() + "': " + error.error(), failures);
    }
    if (value instanceof ValFatalError error) {
      return failed(
          "failed to evaluate expression '" + expression.text() + "': " + error.error(), failures);
    }
    return new SuccessfulEvaluationResult(valueMapper().unpackVal(value), failures);
  }

  private static EvaluationResult failed(String message, List<EvaluationFailure> failures) {
    return new FailedEvaluationResult(new FeelEngine.Failure(message), failures);
  }
}
