package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.problem;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Messages and signals. Behaviour: https://docs.camunda.io/docs/components/concepts/messages/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/message-events/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/receive-tasks/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/signal-events/
 */
@EngineConformanceTest
class MessageConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private static BpmnModelInstance receiveTask() {
    return Bpmn.createExecutableProcess("payment").startEvent()
        .receiveTask("await-payment").message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
        .endEvent("end").done();
  }

  private static BpmnModelInstance catchEvent(String processId) {
    return Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
        .endEvent().done();
  }

  private void publish(String name, String key, Duration ttl, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(name).correlationKey(key).timeToLive(ttl).variables(variables)
        .send().join();
  }

  @Test
  void shouldCorrelateMessageToAReceiveTaskByCorrelationKey() {
    // given
    deploy(client, receiveTask());
    var mine = start(client, "payment", Map.of("orderId", "o-1"));
    var other = start(client, "payment", Map.of("orderId", "o-2"));
    assertThat(mine).isWaitingForMessage("paid", "o-1");

    // when
    publish("paid", "o-1", Duration.ZERO, Map.of("amount", 42));

    // then
    assertThat(mine).isCompleted().hasVariable("amount", 42).hasCorrelatedMessage("paid", "o-1");
    assertThat(other).isActive().hasActiveElements("await-payment");
  }

  @Test
  void shouldBufferAMessageForItsTimeToLive() {
    deploy(client, catchEvent("buffered"));
    publish("paid", "o-1", Duration.ofMinutes(10), Map.of("buffered", true));

    var instance = start(client, "buffered", Map.of("orderId", "o-1"));

    assertThat(instance).isCompleted().hasVariable("buffered", true);
  }

  @Test
  void shouldNotCorrelateAMessageWhoseTimeToLiveExpired() {
    deploy(client, catchEvent("expired"));
    publish("paid", "o-1", Duration.ofMinutes(10), Map.of());
    processTestContext.increaseTime(Duration.ofMinutes(11));

    var instance = start(client, "expired", Map.of("orderId", "o-1"));

    assertThat(instance).isActive().isWaitingForMessage("paid", "o-1");
  }

  @Test
  void shouldNotBufferAMessageWithoutTimeToLive() {
    deploy(client, catchEvent("unbuffered"));
    publish("paid", "o-1", Duration.ZERO, Map.of());

    var instance = start(client, "unbuffered", Map.of("orderId", "o-1"));

    assertThat(instance).isActive().isWaitingForMessage("paid", "o-1");
  }

  @Test
  void shouldRejectAMessageWithTheIdOfABufferedMessageWith409() {
    // https://docs.camunda.io/docs/components/concepts/messages/#message-uniqueness
    client.newPublishMessageCommand().messageName("paid").correlationKey("o-1").messageId("m-1")
        .timeToLive(Duration.ofMinutes(5)).send().join();

    var problem = problem(() -> client.newPublishMessageCommand().messageName("paid").correlationKey("o-1")
        .messageId("m-1").timeToLive(Duration.ofMinutes(5)).send().join());

    assertThat(problem.code()).isEqualTo(409);
    assertThat(problem.details().getTitle()).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void shouldAcceptTheSameMessageIdAgainOnceTheFirstMessageExpired() {
    client.newPublishMessageCommand().messageName("paid").correlationKey("o-1").messageId("m-1")
        .timeToLive(Duration.ofMinutes(1)).send().join();
    processTestContext.increaseTime(Duration.ofMinutes(2));

    client.newPublishMessageCommand().messageName("paid").correlationKey("o-1").messageId("m-1")
        .timeToLive(Duration.ofMinutes(1)).send().join();
  }

  @Test
  void shouldCorrelateAMessageOncePerProcessDefinition() {
    // one message reaches one waiting instance of each process, the oldest first
    deploy(client, catchEvent("first"), catchEvent("second"));
    var a1 = start(client, "first", Map.of("orderId", "o-1"));
    var a2 = start(client, "first", Map.of("orderId", "o-1"));
    var b = start(client, "second", Map.of("orderId", "o-1"));

    publish("paid", "o-1", Duration.ZERO, Map.of());

    assertThat(a1).isCompleted();
    assertThat(b).isCompleted();
    assertThat(a2).isActive();
  }

  @Test
  void shouldCorrelateWithTheCorrelateApiToEveryWaitingProcessAndAnswerTheFirstInstance() {
    deploy(client, catchEvent("first"), catchEvent("second"));
    var a = start(client, "first", Map.of("orderId", "o-1"));
    var b = start(client, "second", Map.of("orderId", "o-1"));

    var response = client.newCorrelateMessageCommand().messageName("paid").correlationKey("o-1")
        .variables(Map.of("via", "correlate")).send().join();

    assertThat(response.getProcessInstanceKey()).isEqualTo(a.getProcessInstanceKey());
    assertThat(a).isCompleted().hasVariable("via", "correlate");
    assertThat(b).isCompleted().hasVariable("via", "correlate");
  }

  @Test
  void shouldAnswer404WhenTheCorrelateApiFindsNoSubscriptionAndNotBufferTheMessage() {
    deploy(client, catchEvent("late"));

    var problem = problem(() -> client.newCorrelateMessageCommand().messageName("paid").correlationKey("o-9")
        .send().join());
    var instance = start(client, "late", Map.of("orderId", "o-9"));

    assertThat(problem.code()).isEqualTo(404);
    assertThat(instance).isActive();
  }

  @Test
  void shouldStartAnInstanceByMessageOncePerCorrelationKeyWhileOneIsActive() {
    // https://docs.camunda.io/docs/components/concepts/messages/#message-correlation-overview
    deploy(client, Bpmn.createExecutableProcess("onboarding").startEvent("received").message("applied")
        .serviceTask("check", t -> t.zeebeJobType("check")).endEvent().done());

    publish("applied", "firm-1", Duration.ofMinutes(10), Map.of("n", 1));
    publish("applied", "firm-1", Duration.ofMinutes(10), Map.of("n", 2));
    publish("applied", "firm-2", Duration.ZERO, Map.of("n", 3));

    assertThat(activeInstances("onboarding")).isEqualTo(2);

    // when the first instance of firm-1 completes, the buffered second message starts the next one
    var job = Conformance.activate(client, "check", 10).stream()
        .filter(j -> Integer.valueOf(1).equals(j.getVariablesAsMap().get("n"))).findFirst().orElseThrow();
    client.newCompleteCommand(job).send().join();

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("onboarding")).send().join().items().size() == 3);
    assertThat(activeInstances("onboarding")).isEqualTo(2);
  }

  private long activeInstances(String processId) {
    return client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(processId)).send().join()
        .items().stream().filter(i -> i.getState().name().equals("ACTIVE")).count();
  }

  @Test
  void shouldInterruptAnActivityWithAMessageBoundaryEvent() {
    deploy(client, Bpmn.createExecutableProcess("cancellable").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("withdrawn").message(m -> m.name("withdraw").zeebeCorrelationKeyExpression("id"))
        .endEvent("withdrawn-end").moveToActivity("work").endEvent("done").done());
    var instance = start(client, "cancellable", Map.of("id", "a-1"));

    publish("withdraw", "a-1", Duration.ZERO, Map.of("reason", "client"));

    assertThat(instance).isCompleted().hasTerminatedElements("work").hasCompletedElements("withdrawn", "withdrawn-end")
        .hasVariable("reason", "client");
  }

  @Test
  void shouldBroadcastASignalToCatchEventsAndStartEvents() {
    deploy(client,
        Bpmn.createExecutableProcess("waiting").startEvent().intermediateCatchEvent("halt").signal("market-halt")
            .endEvent().done(),
        Bpmn.createExecutableProcess("reacting").startEvent("halted").signal("market-halt").endEvent().done());
    var waiting = start(client, "waiting");
    assertThat(waiting).hasActiveElements("halt");

    var response = client.newBroadcastSignalCommand().signalName("market-halt").variables(Map.of("venue", "SSE"))
        .send().join();

    assertThat(response.getKey()).isPositive();
    assertThat(waiting).isCompleted().hasVariable("venue", "SSE");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("reacting")).send().join().items().size() == 1);
  }

  @Test
  void shouldThrowASignalFromAnIntermediateThrowEvent() {
    deploy(client,
        Bpmn.createExecutableProcess("waiting").startEvent().intermediateCatchEvent("halt").signal("halt")
            .endEvent().done(),
        Bpmn.createExecutableProcess("thrower").startEvent().intermediateThrowEvent("send-halt").signal("halt")
            .endEvent().done());
    var waiting = start(client, "waiting");
    assertThat(waiting).hasActiveElements("halt");

    var thrower = start(client, "thrower");

    assertThat(thrower).isCompleted();
    assertThat(waiting).isCompleted();
  }
}
