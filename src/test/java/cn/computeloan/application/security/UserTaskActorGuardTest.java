package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The guard checks a task before the engine applies the command, and another request may change the
 * task in between: two approvers who claim the same free seat at once both pass the check. So what
 * it lets through must carry its conditions to where the engine applies them atomically.
 */
class UserTaskActorGuardTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TASK = 2251799813685300L;

  private final CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
  private final UserTaskActorGuard guard = new UserTaskActorGuard(() -> client, JSON);

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  /** The task as the guard reads it: a head-office seat assigned to {@code assignee} (null: free). */
  private void task(String assignee) {
    UserTask task = mock(UserTask.class);
    when(task.getAssignee()).thenReturn(assignee);
    when(task.getCandidateGroups()).thenReturn(List.of("head-office-approver"));
    when(client.newUserTaskGetRequest(TASK).send().join()).thenReturn(task);
  }

  /** Sends {@code body} as {@code user} (one role) and returns the body the engine's API receives. */
  private JsonNode forwarded(String user, String role, String operation, String body) throws Exception {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
        List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/user-tasks/" + TASK + "/" + operation);
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    AtomicReference<ServletRequest> passed = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, (req, res) -> passed.set(req));
    assertThat(passed.get()).as("refused: " + response.getContentAsString()).isNotNull();
    byte[] bytes = passed.get().getInputStream().readAllBytes();
    assertThat(passed.get().getContentLength()).isEqualTo(bytes.length);
    return JSON.readTree(bytes);
  }

  @Test
  void shouldLetAPersonsClaimThroughOnlyAsOneThatCannotOverrideAClaimMadeMeanwhile() throws Exception {
    // given: a free seat, as the guard sees it
    task(null);

    // when: an approver claims it (asking to override, even)
    JsonNode claim = forwarded("ho1", "HEAD_OFFICE_APPROVER", "assignment",
        "{\"assignee\":\"ho1\",\"allowOverride\":true}");

    // then: the engine gets a claim that it refuses if a colleague's claim landed first
    assertThat(claim.path("assignee").asText()).isEqualTo("ho1");
    assertThat(claim.path("allowOverride").isBoolean()).isTrue();
    assertThat(claim.path("allowOverride").asBoolean()).isFalse();
  }

  @Test
  void shouldLetAPersonsCompletionThroughInTheirOwnNameSoTheListenerSeesAReassignment() throws Exception {
    // given: the seat is assigned to the approver, as the guard sees it
    task("ho1");

    // when: the approver completes it (naming some other action)
    JsonNode completion = forwarded("ho1", "HEAD_OFFICE_APPROVER", "completion",
        "{\"variables\":{\"decision\":\"APPROVE\",\"comment\":\"同意，按方案执行。\"},\"action\":\"complete:ho2\"}");

    // then: the completion names its decider; a listener refuses it if it meets another assignee
    assertThat(completion.path("action").asText()).isEqualTo("complete:ho1");
    assertThat(completion.at("/variables/decision").asText()).isEqualTo("APPROVE");
  }

  @Test
  void shouldLeaveAnAdministratorsRoutingAndTheEngineClientsCommandsAsTheyAre() throws Exception {
    // given: a seat claimed by one approver
    task("ho1");

    // when: an administrator routes it to another, and the engine client completes a task
    JsonNode routing = forwarded("admin", "ADMIN", "assignment", "{\"assignee\":\"ho2\"}");
    JsonNode client = forwarded("compute-loan-engine", "ENGINE_CLIENT", "completion",
        "{\"variables\":{},\"action\":\"complete:ho1\"}");

    // then: routing may move a claimed task, and the task API's own action is kept
    assertThat(routing.has("allowOverride")).isFalse();
    assertThat(client.path("action").asText()).isEqualTo("complete:ho1");
  }
}
