package cn.computeloan.process.form;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Form;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Camunda Form linked to a user task, read through the engine client (so the same on the
 * embedded engine and on a cluster) and kept per form key: a deployed form version never changes,
 * so a key's schema is read once.
 */
@Component
public class TaskForms {

  private static final int CACHED = 256;

  private final CamundaClient client;
  private final Map<Long, FormSchema> byFormKey = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, FormSchema> eldest) {
          return size() > CACHED;
        }
      });

  public TaskForms(@org.springframework.context.annotation.Lazy CamundaClient client) {
    this.client = client;
  }

  /**
   * The form of the task, or empty when it links none.
   *
   * @param formKey the task's form key when known (the cache key), or null to always ask the engine
   */
  public Optional<FormSchema> of(long userTaskKey, Long formKey) {
    if (formKey != null) {
      FormSchema cached = byFormKey.get(formKey);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    Form form = client.newUserTaskGetFormRequest(userTaskKey).send().join();
    if (form == null || form.getSchema() == null) {
      return Optional.empty();
    }
    FormSchema schema = FormSchema.parse(FormSchema.text(form.getSchema()));
    if (formKey != null) {
      byFormKey.put(formKey, schema);
    }
    return Optional.of(schema);
  }
}
