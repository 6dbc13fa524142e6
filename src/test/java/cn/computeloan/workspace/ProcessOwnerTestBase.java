package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The workspace tests' application plus a process owner ({@code owner}), in a database of its own:
 * these tests deploy new versions of the policy's decisions, which the other workspace tests' cases
 * must not meet.
 */
@TestPropertySource(properties = {
    "spring.datasource.url=jdbc:h2:mem:processes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "compute-loan.security.users[9].username=owner", "compute-loan.security.users[9].roles=PROCESS_OWNER"})
abstract class ProcessOwnerTestBase extends WorkspaceTestBase {

  protected static final String OWNER = "owner";
  protected static final String ESG = "EsgDiscountDefinitions";

  /** The ESG discount table as the application deploys it (bpmn/esg-discount.dmn). */
  protected static String esgDiscount() {
    try {
      return Files.readString(Path.of("bpmn", "esg-discount.dmn"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ESG discount table with one rule changed: AA or better and upgraded earns {@code bp} instead of 25. */
  protected static String changedEsgDiscount(int bp) {
    String original = esgDiscount();
    String changed = original.replace("<outputEntry id=\"EsgDiscount_r02_o_discountBp\">\n          <text>25</text>",
        "<outputEntry id=\"EsgDiscount_r02_o_discountBp\">\n          <text>" + bp + "</text>");
    assertThat(changed).as("rule r02's discount in bpmn/esg-discount.dmn").isNotEqualTo(original);
    return changed;
  }

  /** The newest version of the ESG discount's DMN file in the engine. */
  protected int latestEsgDiscountVersion() {
    return camunda.newDecisionRequirementsSearchRequest().filter(f -> f.decisionRequirementsId(ESG))
        .send().join().items().stream().mapToInt(d -> d.getVersion()).max().orElseThrow();
  }

  /** A model the engine refuses: its service task {@code Task_WithoutType} has no job type. */
  protected static String modelWithoutJobType(String processId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="Task_WithoutType"><bpmn:incoming>f1</bpmn:incoming></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_WithoutType"/>
          </bpmn:process>
        </bpmn:definitions>""".formatted(processId);
  }

  protected Response deploy(String user, String fileName, String content) {
    return Multipart.file("file", fileName, content.getBytes(StandardCharsets.UTF_8))
        .post(api, user, "/processes/deployments");
  }

  protected int logRows() {
    return jdbc.sql("SELECT COUNT(*) FROM deployment_log").query(Integer.class).single();
  }

  @Test
  void shouldRunInItsOwnDatabase() {
    assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:mem:processes;");
    assertThat(environment.getProperty("compute-loan.security.users[9].username")).isEqualTo(OWNER);
  }
}
