package cn.computeloan.process.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.command.ProblemException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Event_MonitoringStarted: publishes {@code loan-disbursed}, which starts post-loan-monitoring. The
 * application id is the correlation key and the message id, so a retried job starts no second
 * monitoring instance.
 */
@Component
public class StartPostLoanMonitoringWorker {

  static final String TYPE = "start-post-loan-monitoring";
  static final String MESSAGE = "loan-disbursed";
  private final CamundaClient client;

  /** Lazy: contexts without a Camunda client (API-only tests) still start; workers then do not run. */
  public StartPostLoanMonitoringWorker(@Lazy CamundaClient client) {
    this.client = client;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "approvedAmount", "agreementNumber", "maturityDate",
      "monitoringInterval", "nextAssessmentAt", "nextRepaymentCheck", "monitoringEndsAt"})
  public void start(@Variable String applicationId, @Variable BigDecimal approvedAmount,
      @Variable String agreementNumber, @Variable String maturityDate, @Variable String monitoringInterval,
      @Variable(optional = true) String nextAssessmentAt, @Variable(optional = true) String nextRepaymentCheck,
      @Variable(optional = true) String monitoringEndsAt) {
    try {
      client.newPublishMessageCommand().messageName(MESSAGE).correlationKey(applicationId)
        .messageId(MESSAGE + "-" + applicationId).timeToLive(Duration.ofHours(1))
        .variables(Variables.map("applicationId", applicationId, "approvedAmount", approvedAmount,
            "agreementNumber", agreementNumber, "maturityDate", maturityDate,
            "monitoringInterval", monitoringInterval, "nextAssessmentAt", nextAssessmentAt,
            "nextRepaymentCheck", nextRepaymentCheck, "monitoringEndsAt", monitoringEndsAt))
          .send().join();
    } catch (ProblemException e) {
      // 409: a message with this id was already published by an earlier attempt of this job
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
