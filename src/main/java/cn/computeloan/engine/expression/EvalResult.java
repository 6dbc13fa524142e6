package cn.computeloan.engine.expression;

/** The outcome of evaluating an expression: a value, or a failure message that becomes an incident. */
public sealed interface EvalResult<T> {

  record Ok<T>(T value) implements EvalResult<T> {}

  record Failed<T>(String message) implements EvalResult<T> {}

  static <T> EvalResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> EvalResult<T> failed(String message) {
    return new Failed<>(message);
  }

  default boolean isFailure() {
    return this instanceof Failed;
  }

  /** The value; only call after checking {@link #isFailure()}. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException(((Failed<T>) this).message());
  }

  default String failureMessage() {
    return this instanceof Failed<T> f ? f.message() : null;
  }
}
