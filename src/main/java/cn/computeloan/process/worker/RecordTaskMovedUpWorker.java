package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.CustomHeaders;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The "… moved up" events after an interrupting overdue timer: files the escalation in the case file
 * (an {@code ESCALATION} step of kind {@code MOVED_UP}: which task, from which group, to whom) and
 * marks the task in {@code movedUp}, from which the model takes the higher candidate group and the
 * note the escalated task's form shows. A task once moved up stays with the higher level for the rest
 * of the case. A retried job writes once and returns the same variables.
 */
@Component
public class RecordTaskMovedUpWorker {

  static final String TYPE = "record-task-moved-up";
  private final CaseFile caseFile;

  public RecordTaskMovedUpWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "movedUp"})
  public Map<String, Object> record(ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) Map<String, Object> movedUp, @CustomHeaders Map<String, String> headers) {
    String task = headers.get("task");
    if (task == null || task.isBlank()) {
      throw new IllegalStateException(job.getElementId() + " names no task (header 'task'): the model is wrong");
    }
    caseFile.recordStep(applicationId, "ESCALATION", Variables.map("kind", "MOVED_UP", "overdueTask", task,
        "fromGroup", headers.get("from"), "toGroup", headers.get("to")), null, TYPE, CaseAssessment.ref(job));
    Map<String, Object> marked = new LinkedHashMap<>(movedUp == null ? Map.of() : movedUp);
    marked.put(task, true);
    return Variables.map("movedUp", marked);
  }
}
