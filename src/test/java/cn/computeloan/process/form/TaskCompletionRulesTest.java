package cn.computeloan.process.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.camunda.client.api.search.request.UserTaskVariableSearchRequest;
import io.camunda.client.api.search.response.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.junit.jupiter.api.Test;

/**
 * What a completing listener reads as "set by the completion" when the process changes a variable
 * between the job's activation and the listener's check: five head-office approvers voting at the
 * same moment (found by ApplicationKillTest) change {@code approvalVotes} under each other's
 * listeners.
 */
class TaskCompletionRulesTest {

  private static final long TASK = 2251799813685400L;
  private static final String VOTE_BEFORE = "[null,null,null,null,null]";
  private static final String VOTE_AFTER = "[{\"seat\":2,\"decision\":\"APPROVE\",\"comment\":\"同意\"},null,null,null,null]";

  private final CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
  private final TaskForms forms = mock(TaskForms.class);
  @SuppressWarnings("unchecked")
  private final ObjectProvider<CamundaClient> provider = mock(ObjectProvider.class);
  private final TaskCompletionRules rules = new TaskCompletionRules(provider, forms);
  private final Map<String, String> taskVariables = new HashMap<>();

  @BeforeEach
  @SuppressWarnings("unchecked")
  void headOfficeSeat() throws Exception {
    when(provider.getObject()).thenReturn(client);
    when(forms.of(anyLong(), any())).thenReturn(java.util.Optional.of(
        FormSchema.parse(Files.readString(Path.of("forms", "approve-at-head-office.form")))));
    taskVariables.put("applicationId", "\"APP-1\"");
    taskVariables.put("proposedLimit", "55600000");
    taskVariables.put("approvedAmount", "55600000");
    taskVariables.put("seat", "1");
    UserTaskVariableSearchRequest search = mock(UserTaskVariableSearchRequest.class, RETURNS_DEEP_STUBS);
    when(client.newUserTaskVariableSearchRequest(TASK)).thenReturn(search);
    when(search.withFullValues()).thenReturn(search);
    when(search.page(any(Consumer.class))).thenReturn(search);
    when(search.send().join().items()).thenAnswer(i -> {
      List<Variable> items = new ArrayList<>();
      taskVariables.forEach((name, value) -> {
        Variable v = mock(Variable.class);
        when(v.getName()).thenReturn(name);
        when(v.getValue()).thenReturn(value);
        items.add(v);
      });
      return items;
    });
  }

  /** A completing listener's job: the task's variables at activation, the completion's over them. */
  private ActivatedJob job(Map<String, Object> variables, int retries) {
    UserTaskProperties task = mock(UserTaskProperties.class);
    when(task.getUserTaskKey()).thenReturn(TASK);
    when(task.getAssignee()).thenReturn("ho1");
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getUserTask()).thenReturn(task);
    when(job.getRetries()).thenReturn(retries);
    when(job.getVariablesAsMap()).thenReturn(variables);
    return job;
  }

  private static Map<String, Object> vote(Object approvalVotes) {
    Map<String, Object> v = new HashMap<>();
    v.put("applicationId", "APP-1");
    v.put("proposedLimit", 55_600_000);
    v.put("approvedAmount", 55_600_000);
    v.put("seat", 1);
    v.put("approvalVotes", approvalVotes);
    v.put("decision", "APPROVE");
    v.put("comment", "同意，按方案执行。");
    return v;
  }

  private static Object json(String text) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Object.class);
  }

  @Test
  void shouldCheckAgainWithFreshVariablesWhenAColleaguesVoteChangedTheVotesAfterActivation() throws Exception {
    // given: the job was activated before a colleague's vote on seat 2 updated approvalVotes
    ActivatedJob job = job(vote(json(VOTE_BEFORE)), 3);
    taskVariables.put("approvalVotes", VOTE_AFTER);

    // when
    Throwable thrown = catchThrowable(() -> rules.check(job));

    // then: not refused as the approver's own change; the job is to come again
    assertThat(thrown).isInstanceOf(TaskCompletionRules.VariablesChangedMeanwhile.class)
        .hasMessageContaining("approvalVotes");
  }

  @Test
  void shouldAcceptTheVoteWhenTheJobComesAgainWithTheVotesOfThen() throws Exception {
    // given: the job activated again, after the colleague's vote
    taskVariables.put("approvalVotes", VOTE_AFTER);

    // when / then
    assertThat(rules.check(job(vote(json(VOTE_AFTER)), 2)).refused()).isFalse();
  }

  @Test
  void shouldRefuseOnTheLastTryWhatStillDiffers() throws Exception {
    // given: a completion that itself sets approvalVotes, on the listener job's last try
    taskVariables.put("approvalVotes", VOTE_BEFORE);
    ActivatedJob job = job(vote(json(VOTE_AFTER)), 1);

    // when
    TaskCompletionRules.Check check = rules.check(job);

    // then
    assertThat(check.refused()).isTrue();
    assertThat(check.refusal()).contains("approvalVotes");
  }

  @Test
  void shouldRefuseAtOnceAVariableTheTaskNeverHad() throws Exception {
    // given: a completion that adds a variable of its own, with retries left
    taskVariables.put("approvalVotes", VOTE_BEFORE);
    Map<String, Object> forged = vote(json(VOTE_BEFORE));
    forged.put("approvedTermMonths", 999);

    // when
    TaskCompletionRules.Check check = rules.check(job(forged, 3));

    // then: no retry can make it the process's own
    assertThat(check.refused()).isTrue();
    assertThat(check.refusal()).contains("approvedTermMonths");
  }
}
