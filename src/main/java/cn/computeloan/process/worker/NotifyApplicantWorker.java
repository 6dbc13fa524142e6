package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_NotifyApplicantOfRejection and Task_NotifyApplicantOfWithdrawal: files the notice in the
 * case file, from where the application's applicant channel delivers it (once, by job key).
 */
@Component
public class NotifyApplicantWorker {

  static final String TYPE = "notify-applicant";
  private static final Map<String, String[]> TEXTS = Map.of(
      "REJECTED", new String[] {"很遗憾，您的算力贷申请未获批准。", "We regret that your compute loan application was not approved."},
      "WITHDRAWN", new String[] {"您的算力贷申请因材料未在期限内补齐已撤销。",
          "Your compute loan application was withdrawn: the missing documents did not arrive in time."});
  private final CaseFile caseFile;

  public NotifyApplicantWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "notice"})
  public void notifyApplicant(ActivatedJob job, @Variable String applicationId, @Variable String notice) {
    String[] text = TEXTS.get(notice);
    if (text == null) {
      throw new IllegalArgumentException("unknown notice " + notice);
    }
    caseFile.recordStep(applicationId, "NOTICE", Map.of("notice", notice, "textZh", text[0], "textEn", text[1]),
        null, TYPE, CaseAssessment.ref(job));
  }
}
