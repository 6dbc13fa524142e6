package cn.computeloan.engine.rest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Bridges the engine's futures to Spring MVC's asynchronous requests, so that long polls hold no
 * servlet thread. When the client goes away or the request times out the future is cancelled, so
 * that the engine does not hand jobs to a poller that is gone.
 */
final class AsyncAnswers {

  /** Extra time over the engine's own timeout before the HTTP layer gives up on its own. */
  private static final long GRACE_MILLIS = 2_000;

  private AsyncAnswers() {}

  static <T, R> DeferredResult<R> answer(
      CompletableFuture<T> future, long engineTimeoutMillis, Supplier<R> onTimeout, Function<T, R> mapper) {
    DeferredResult<R> result = new DeferredResult<>(Math.max(engineTimeoutMillis, 0) + GRACE_MILLIS, onTimeout);
    result.onTimeout(() -> future.cancel(false));
    result.onError(error -> future.cancel(false));
    future.whenComplete((value, error) -> {
      if (error == null) {
        try {
          result.setResult(mapper.apply(value));
        } catch (RuntimeException mappingFailure) {
          result.setErrorResult(mappingFailure);
        }
      } else {
        result.setErrorResult(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      }
    });
    return result;
  }

  /**
   * The answer itself when the engine has already answered (a job activation that found jobs, an
   * instance created without awaiting its completion), else a {@link DeferredResult} as
   * {@link #answer}. An asynchronous answer costs a second pass through the servlet container, the
   * filters and Spring MVC (the async dispatch) even when it is ready at once. A handler method
   * declared to return {@code Object} may return either: Spring MVC picks the return value handler
   * by the class of the returned value.
   */
  static <T, R> Object answerNowOrLater(
      CompletableFuture<T> future, long engineTimeoutMillis, Supplier<R> onTimeout, Function<T, R> mapper) {
    if (future.isDone() && !future.isCompletedExceptionally()) {
      return mapper.apply(future.join());
    }
    return answer(future, engineTimeoutMillis, onTimeout, mapper);
  }
}
