package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.Record;
import java.util.Set;

/**
 * Jobs with Camunda's job states. Activation is not a state of its own (the job stays CREATED with
 * a worker and deadline); a timeout update keeps the state.
 */
public final class JobProjection {

  private static final Set<String> STATE_INTENTS =
      Set.of("CREATED", "COMPLETED", "FAILED", "ERROR_THROWN", "TIMED_OUT", "RETRIES_UPDATED", "CANCELED");
  private static final Set<String> ENDING_INTENTS = Set.of("COMPLETED", "ERROR_THROWN", "CANCELED");

  public final DocumentIndex jobs = new DocumentIndex();

  public void apply(Record record, JobValue value) {
    String intent = record.intent();
    Document job = jobs.upsert(record.key())
        .put("customHeaders", value.customHeaders())
        .put("deadline", value.deadline() > 0 ? Keys.date(value.deadline()) : null)
        .put("elementId", value.elementId())
        .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
        .put("errorCode", Keys.blankToNull(value.errorCode()))
        .put("errorMessage", Keys.blankToNull(value.errorMessage()))
        .put("hasFailedWithRetriesLeft", "FAILED".equals(intent) && value.retries() > 0)
        .put("isDenied", false)
        .put("jobKey", Keys.key(record.key()))
        .put("kind", value.kind())
        .put("listenerEventType", value.listenerEventType())
        .put("processDefinitionId", value.bpmnProcessId())
        .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
        .put("processInstanceKey", Keys.key(value.processInstanceKey()))
        .put("retries", value.retries())
        .put("tenantId", value.tenantId())
        .put("type", value.type())
        .put("worker", Keys.blankToNull(value.worker()));
    if (STATE_INTENTS.contains(intent)) {
      job.put("state", intent);
    } else if ("RECURRED_AFTER_BACKOFF".equals(intent)) {
      job.put("state", "FAILED");
    }
    if (ENDING_INTENTS.contains(intent)) {
      job.put("endTime", Keys.date(record.timestamp()));
    }
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    jobs.removeIf(job -> processInstanceKeys.contains(job.longField("processInstanceKey")));
  }
}
