package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.PublishMessageCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journal's JSON form of the one command type. The entries below were written by the release in
 * which the journal wrapped the API's commands ({@code journal.EngineCommand.CreateInstance} etc.):
 * they must replay unchanged, and new entries must have the same form.
 */
class CommandCodecTest {

  private static final List<String> WRITTEN_BY_THE_PREVIOUS_RELEASE = List.of(
      "{\"type\":\"create-instance\",\"command\":{\"processDefinitionKey\":0,\"bpmnProcessId\":\"loan\",\"version\":-1,"
          + "\"variables\":{\"amount\":5000000,\"tier\":\"A\"},\"startElementIds\":[\"review\"],\"awaitCompletion\":true,"
          + "\"requestTimeoutMillis\":30000,\"fetchVariables\":[\"tier\"],\"tenantId\":\"<default>\"}}",
      "{\"type\":\"activate-jobs\",\"command\":{\"type\":\"score\",\"worker\":\"worker-1\",\"timeoutMillis\":60000,"
          + "\"maxJobsToActivate\":10,\"requestTimeoutMillis\":0,\"fetchVariables\":[],\"tenantIds\":[\"<default>\"]}}",
      "{\"type\":\"publish-message\",\"command\":{\"name\":\"paid\",\"correlationKey\":\"loan-1\",\"timeToLiveMillis\":"
          + "3600000,\"messageId\":\"m-1\",\"variables\":{\"amount\":5000000,\"tier\":\"A\"},\"tenantId\":\"<default>\"}}",
      "{\"type\":\"complete-job\",\"jobKey\":42,\"variables\":{\"amount\":5000000,\"tier\":\"A\"},\"result\":"
          + "{\"denied\":false,\"deniedReason\":null,\"corrections\":{}}}",
      "{\"type\":\"update-job\",\"jobKey\":42,\"retries\":null,\"timeoutMillis\":5000}",
      "{\"type\":\"deploy\",\"resources\":[{\"name\":\"a.bpmn\",\"content\":\"PD4=\"}]}",
      "{\"type\":\"purge\"}",
      "{\"type\":\"process-due\"}");

  @Test
  void shouldReadEntriesOfThePreviousReleaseAsTheOneCommandType() throws JsonProcessingException {
    // when
    EngineCommand create = CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(0));
    EngineCommand activate = CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(1));
    EngineCommand publish = CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(2));
    EngineCommand complete = CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(3));

    // then
    assertThat(create).isEqualTo(new CreateInstanceCommand(0, "loan", -1, Map.of("amount", 5000000, "tier", "A"),
        List.of("review"), true, 30000, List.of("tier"), "<default>"));
    assertThat(activate).isEqualTo(new ActivateJobsCommand("score", "worker-1", 60000, 10, 0, List.of(),
        List.of("<default>")));
    assertThat(publish).isEqualTo(new PublishMessageCommand("paid", "loan-1", 3600000, "m-1",
        Map.of("amount", 5000000, "tier", "A"), "<default>"));
    assertThat(complete).isEqualTo(new EngineCommand.CompleteJob(42, Map.of("amount", 5000000, "tier", "A"),
        JobResult.none()));
    assertThat(CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(4)))
        .isEqualTo(new EngineCommand.UpdateJob(42, null, 5000L));
    assertThat(CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(6))).isEqualTo(new EngineCommand.Purge());
  }

  @Test
  void shouldWriteEntriesInTheSameFormAsThePreviousRelease() throws JsonProcessingException {
    for (String entry : WRITTEN_BY_THE_PREVIOUS_RELEASE) {
      assertThat(CommandCodec.write(CommandCodec.read(entry))).isEqualTo(entry);
    }
  }

  @Test
  void shouldKeepTheBytesOfADeployment() throws JsonProcessingException {
    EngineCommand.Deploy deploy = (EngineCommand.Deploy) CommandCodec.read(WRITTEN_BY_THE_PREVIOUS_RELEASE.get(5));

    assertThat(deploy.resources()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("a.bpmn");
      assertThat(r.content()).isEqualTo("<>".getBytes());
    });
  }

  @Test
  void shouldNameEveryCommandTypeOnce() {
    List<Class<?>> named = List.copyOf(CommandCodec.types().values());

    assertThat(named).containsExactlyInAnyOrder(EngineCommand.class.getPermittedSubclasses()).doesNotHaveDuplicates();
    assertThat(CommandCodec.typeName(new EngineCommand.ResetClock())).isEqualTo("reset-clock");
    assertThat(CommandCodec.typeName(new ActivateJobsCommand("t", "w", 1, 1, 0, List.of(), List.of())))
        .isEqualTo("activate-jobs");
  }

  @Test
  void shouldRefuseAnEntryOfAnUnknownType() {
    assertThatThrownBy(() -> CommandCodec.read("{\"type\":\"launch-rocket\"}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("launch-rocket");
    assertThatThrownBy(() -> CommandCodec.read("{\"jobKey\":1}"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldKeepNullsInsideVariables() throws JsonProcessingException {
    EngineCommand.SetVariables set = new EngineCommand.SetVariables(7, new java.util.HashMap<>(Map.of("a", 1)), true);
    set.variables().put("gone", null);

    EngineCommand read = CommandCodec.read(CommandCodec.write(set));

    assertThat(read).isEqualTo(set);
    assertThat(Arrays.asList(((EngineCommand.SetVariables) read).variables().keySet().toArray())).contains("gone");
  }
}
