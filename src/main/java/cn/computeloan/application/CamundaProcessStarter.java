package cn.computeloan.application;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Starts the approval process through the official Camunda client (embedded engine or cluster). */
@Component
public class CamundaProcessStarter implements ProcessStarter {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ObjectProvider<CamundaClient> clients;

  /** The client is looked up per call: with {@code camunda.client.enabled=false} there is none. */
  public CamundaProcessStarter(ObjectProvider<CamundaClient> clients) {
    this.clients = clients;
  }

  private CamundaClient client() {
    CamundaClient client = clients.getIfAvailable();
    if (client == null) {
      throw new IllegalStateException("no Camunda client (camunda.client.enabled=false)");
    }
    return client;
  }

  @Override
  public long start(Map<String, Object> variables) {
    return client().newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion().variables(variables)
        .requestTimeout(TIMEOUT).send().join().getProcessInstanceKey();
  }

  @Override
  public Optional<Long> findStarted(String applicationId) {
    return client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(PROCESS_ID).variables(Map.of("applicationId", "\"" + applicationId + "\"")))
        .send().join().items().stream().findFirst().map(i -> i.getProcessInstanceKey());
  }

  @Override
  public void cancel(long processInstanceKey) {
    client().newCancelInstanceCommand(processInstanceKey).requestTimeout(TIMEOUT).send().join();
  }
}
