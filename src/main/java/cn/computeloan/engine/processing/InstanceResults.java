package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.CreatedInstance;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Process instances created "with result": answered when they complete, or when time runs out. */
final class InstanceResults {

  private record Awaiting(CompletableFuture<CreatedInstance> future, List<String> fetch) {}

  private final CommandPipeline pipeline;
  private final Map<Long, Awaiting> awaiting = new HashMap<>();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "engine-result-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  InstanceResults(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  CompletableFuture<CreatedInstance> await(ElementInstance root, List<String> fetch, long timeoutMillis) {
    CompletableFuture<CreatedInstance> future = new CompletableFuture<>();
    awaiting.put(root.key(), new Awaiting(future, fetch == null ? List.of() : fetch));
    long timeout = timeoutMillis > 0 ? timeoutMillis : 10_000;
    timeouts.schedule(() -> pipeline.run(() -> {
      Awaiting a = awaiting.remove(root.key());
      if (a != null) {
        pipeline.answerLater(() -> a.future().completeExceptionally(new EngineException(EngineException.Reason.TIMEOUT,
            "Expected the process instance '%d' to complete within %d ms, but it did not".formatted(root.key(), timeout))));
      }
      return null;
    }), timeout, TimeUnit.MILLISECONDS);
    return future;
  }

  /** Under the engine lock, before the instance's variables are dropped. */
  void finished(ElementInstance root, boolean completed) {
    Awaiting a = awaiting.remove(root.key());
    if (a == null) {
      return;
    }
    if (!completed) {
      pipeline.answerLater(() -> a.future().completeExceptionally(EngineException.invalidState(
          "Expected the process instance '%d' to complete, but it was terminated".formatted(root.key()))));
      return;
    }
    Map<String, Object> all = pipeline.context().variables().local(root);
    Map<String, Object> variables = new LinkedHashMap<>();
    if (a.fetch().isEmpty()) {
      variables.putAll(all);
    } else {
      a.fetch().stream().filter(all::containsKey).forEach(name -> variables.put(name, all.get(name)));
    }
    pipeline.answerLater(() -> a.future().complete(EmbeddedEngine.created(root, variables)));
  }

  void clear() {
    awaiting.clear();
  }
}
