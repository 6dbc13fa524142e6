package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.form.TaskCompletionRules;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Completing listener of the user tasks whose decision is not a vote (document request, referral
 * review, guarantee negotiation, signing, early-warning reviews): records who decided what in the
 * case file, so that every human decision is an audit event with the person's name and role. The
 * task's headers say under which step ({@code step}) and which fields of the completion
 * ({@code fields}, comma-separated) to record; the listener job sees the completion's variables.
 * A task nobody has claimed cannot be completed: the person who decides must be known.
 */
@Component
public class RecordTaskDecisionWorker {

  static final String TYPE = "record-task-decision";
  /** Every field a task may name in its {@code fields} header. */
  static final List<String> FIELDS = List.of("decision", "comment", "documentRequestNote", "negotiationOutcome",
      "additionalGuaranteeType", "additionalGuaranteeProvider", "additionalGuaranteeValue", "agreementSigned",
      "signedOn", "monitoringAction");
  private final CaseFile caseFile;

  private final TaskCompletionRules rules;

  public RecordTaskDecisionWorker(CaseFile caseFile, TaskCompletionRules rules) {
    this.caseFile = caseFile;
    this.rules = rules;
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void record(JobClient client, ActivatedJob job) {
    Map<String, String> headers = job.getCustomHeaders();
    String step = headers.get("step");
    List<String> fields = Arrays.stream(headers.getOrDefault("fields", "").split(",")).map(String::trim)
        .filter(f -> !f.isEmpty()).toList();
    if (step == null || step.isBlank() || !FIELDS.containsAll(fields)) {
      throw new IllegalStateException(job.getElementId() + ": headers 'step' and 'fields' (of " + FIELDS
          + ") must name what to record, but were " + headers);
    }
    TaskCompletionRules.Check completion = rules.check(job);
    if (completion.refused()) {
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, completion.refusal())).send().join();
      return;
    }
    Map<String, Object> variables = job.getVariablesAsMap();
    Map<String, Object> decision = new LinkedHashMap<>();
    fields.forEach(f -> decision.put(f, variables.get(f)));
    decision.put("userTaskKey", job.getUserTask().getUserTaskKey());
    caseFile.recordStep((String) variables.get("applicationId"), step, decision, null, completion.person(),
        CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }
}
