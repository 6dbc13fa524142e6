package cn.computeloan.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The application starts and deploys every model, decision and form of bpmn/ and forms/ in one
 * request to its embedded engine (more parts than Tomcat accepts by default).
 */
class ApplicationDeploymentTest {

  @Test
  void shouldStartAndDeployEveryModelDecisionAndForm() {
    // given: a second application instance on free ports
    try (var app = new SpringApplicationBuilder(ComputeLoanApplication.class).run("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:deployment;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "--spring.main.banner-mode=off", "--camunda.client.request-timeout=PT60S",
        "--camunda.client.worker.defaults.enabled=false")) {
      CamundaClient client = app.getBean(CamundaClient.class);

      // then
      var processes = client.newProcessDefinitionSearchRequest().send().join().items();
      var decisions = client.newDecisionDefinitionSearchRequest().page(p -> p.limit(100)).send().join().items();
      long forms = ProcessFixture.resources().stream().filter(r -> r.getFilename().endsWith(".form")).count();
      long dmnFiles = ProcessFixture.resources().stream().filter(r -> r.getFilename().endsWith(".dmn")).count();
      assertThat(processes).extracting(p -> p.getProcessDefinitionId())
          .containsExactlyInAnyOrder(ProcessFixture.APPROVAL, ProcessFixture.MONITORING);
      assertThat(decisions).extracting(d -> d.getDmnDecisionId()).contains("TierAdmission", "ApprovalAuthority")
          .hasSizeGreaterThanOrEqualTo((int) dmnFiles);
      assertThat(forms).isEqualTo(9);
      // a redeployment of the same files changes nothing: the forms are there, unchanged
      var again = new ProcessFixture(client).deployAll();
      assertThat(again.getForm()).hasSize((int) forms).allSatisfy(f -> assertThat(f.getVersion()).isEqualTo(1));
    }
  }
}
