package cn.computeloan.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.computeloan.engine.model.ProcessTransformer.ParsedProcess;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BPMN in, executable model out: elements, flows, multi-instance, boundary events, and refusals. */
class ProcessTransformerTest {

  private final ProcessTransformer transformer = new ProcessTransformer();

  private ParsedProcess transform(BpmnModelInstance model) {
    List<ParsedProcess> processes = transformer.transform("test.bpmn",
        Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
    assertThat(processes).hasSize(1);
    return processes.get(0);
  }

  private ModelRejectedException rejection(String xml) {
    return catchThrowableOfType(() -> transformer.transform("bad.bpmn", xml.getBytes(StandardCharsets.UTF_8)),
        ModelRejectedException.class);
  }

  @Test
  void shouldReadElementsFlowsConditionsAndTheDefaultFlow() {
    // given a start event, a service task and an exclusive gateway with a condition and a default flow
    BpmnModelInstance model = Bpmn.createExecutableProcess("loan").name("Loan").startEvent("start")
        .serviceTask("score", t -> t.zeebeJobType("score-applicant").zeebeJobRetries("5")
            .zeebeTaskHeader("tier", "gold").zeebeInputExpression("amount", "requested"))
        .exclusiveGateway("decide")
        .sequenceFlowId("high").conditionExpression("score > 700").endEvent("approved")
        .moveToLastExclusiveGateway().defaultFlow().sequenceFlowId("otherwise").endEvent("declined")
        .done();

    // when
    ParsedProcess process = transform(model);

    // then
    assertThat(process.bpmnProcessId()).isEqualTo("loan");
    assertThat(process.name()).isEqualTo("Loan");
    assertThat(process.root().kind()).isEqualTo(ElementKind.PROCESS);
    assertThat(process.elements().keySet()).contains("loan", "start", "score", "decide", "approved", "declined");
    assertThat(process.root().children()).extracting(ExecutableElement::id)
        .containsExactlyInAnyOrder("start", "score", "decide", "approved", "declined");
    assertThat(process.root().noneStartEvent().id()).isEqualTo("start");

    ExecutableElement score = process.elements().get("score");
    assertThat(score.kind()).isEqualTo(ElementKind.SERVICE_TASK);
    assertThat(score.flowScope()).isSameAs(process.root());
    assertThat(score.jobDefinition().type()).isEqualTo("score-applicant");
    assertThat(score.jobDefinition().retries()).isEqualTo("5");
    assertThat(score.jobDefinition().headers()).containsEntry("tier", "gold");
    assertThat(score.inputMappings()).hasSize(1);
    assertThat(score.incoming()).singleElement().satisfies(f -> assertThat(f.source().id()).isEqualTo("start"));

    ExecutableElement decide = process.elements().get("decide");
    assertThat(decide.kind()).isEqualTo(ElementKind.EXCLUSIVE_GATEWAY);
    assertThat(decide.outgoing()).extracting(ExecutableFlow::id).containsExactlyInAnyOrder("high", "otherwise");
    ExecutableFlow high = decide.outgoing().stream().filter(f -> f.id().equals("high")).findFirst().orElseThrow();
    assertThat(high.condition()).contains("score > 700");
    assertThat(high.target().id()).isEqualTo("approved");
    assertThat(decide.defaultFlow().id()).isEqualTo("otherwise");
    assertThat(process.elements().get("declined").kind()).isEqualTo(ElementKind.END_EVENT);
  }

  @Test
  void shouldWrapAMultiInstanceActivityInItsBody() {
    // given a sequential multi-instance service task
    BpmnModelInstance model = Bpmn.createExecutableProcess("batch").startEvent()
        .serviceTask("check", t -> t.zeebeJobType("check").multiInstance(mi -> mi.sequential()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")
            .zeebeOutputCollection("results").zeebeOutputElementExpression("result")
            .completionCondition("=numberOfCompletedInstances >= 2")))
        .endEvent().done();

    // when
    ParsedProcess process = transform(model);

    // then the element registered under the id is the body; the task is its inner activity
    ExecutableElement body = process.elements().get("check");
    assertThat(body.kind()).isEqualTo(ElementKind.MULTI_INSTANCE_BODY);
    assertThat(body.innerActivity().kind()).isEqualTo(ElementKind.SERVICE_TASK);
    assertThat(body.innerActivity().id()).isEqualTo("check");
    assertThat(body.innerActivity().jobDefinition().type()).isEqualTo("check");
    MultiInstanceDefinition mi = body.multiInstance();
    assertThat(mi.sequential()).isTrue();
    assertThat(mi.inputCollection()).isEqualTo("=items");
    assertThat(mi.inputElement()).isEqualTo("item");
    assertThat(mi.outputCollection()).isEqualTo("results");
    assertThat(mi.outputElement()).isEqualTo("=result");
    assertThat(body.expression()).isEqualTo("=numberOfCompletedInstances >= 2");
    assertThat(body.outgoing()).hasSize(1);
  }

  @Test
  void shouldAttachBoundaryEventsToTheirActivity() {
    // given a user task with an interrupting timer and a non-interrupting message boundary event
    BpmnModelInstance model = Bpmn.createExecutableProcess("review").startEvent()
        .userTask("approve", t -> t.zeebeUserTask()).endEvent("done")
        .moveToActivity("approve").boundaryEvent("late", b -> b.cancelActivity(true)).timerWithDuration("PT1H")
        .endEvent("escalated")
        .moveToActivity("approve").boundaryEvent("nudge", b -> b.cancelActivity(false))
        .message(m -> m.name("nudge").zeebeCorrelationKeyExpression("caseId")).endEvent("nudged")
        .done();

    // when
    ParsedProcess process = transform(model);

    // then
    ExecutableElement approve = process.elements().get("approve");
    assertThat(approve.kind()).isEqualTo(ElementKind.USER_TASK);
    assertThat(approve.boundaryEvents()).extracting(ExecutableElement::id).containsExactlyInAnyOrder("late", "nudge");
    ExecutableElement late = process.elements().get("late");
    assertThat(late.kind()).isEqualTo(ElementKind.BOUNDARY_EVENT);
    assertThat(late.attachedTo()).isSameAs(approve);
    assertThat(late.interrupting()).isTrue();
    assertThat(late.eventType()).isEqualTo(EventType.TIMER);
    assertThat(late.timer().kind()).isEqualTo(TimerDefinition.Kind.DURATION);
    assertThat(late.timer().expression()).isEqualTo("PT1H");
    ExecutableElement nudge = process.elements().get("nudge");
    assertThat(nudge.interrupting()).isFalse();
    assertThat(nudge.eventType()).isEqualTo(EventType.MESSAGE);
    assertThat(nudge.messageName()).isEqualTo("nudge");
    assertThat(nudge.correlationKey()).isEqualTo("=caseId");
  }

  @Test
  void shouldReadSubProcessesAsScopes() {
    // given an embedded sub-process with its own start and end
    BpmnModelInstance model = Bpmn.createExecutableProcess("outer").startEvent()
        .subProcess("inner", s -> s.embeddedSubProcess().startEvent("innerStart").manualTask("work")
            .endEvent("innerEnd"))
        .endEvent().done();

    // when
    ParsedProcess process = transform(model);

    // then the sub-process holds its elements, which name it as their flow scope
    ExecutableElement inner = process.elements().get("inner");
    assertThat(inner.kind()).isEqualTo(ElementKind.SUB_PROCESS);
    assertThat(inner.children()).extracting(ExecutableElement::id)
        .containsExactlyInAnyOrder("innerStart", "work", "innerEnd");
    assertThat(process.elements().get("work").flowScope()).isSameAs(inner);
    assertThat(process.root().children()).extracting(ExecutableElement::id).doesNotContain("work");
  }

  @Test
  void shouldRejectWhatIsNotBpmn() {
    ModelRejectedException e = rejection("<not-bpmn/>");

    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.elementType()).isEqualTo("definitions");
      assertThat(p.message()).startsWith("not a valid BPMN 2.0 file");
    });
    assertThat(e.getMessage()).contains("'bad.bpmn' cannot be deployed");
  }

  @Test
  void shouldRejectAFileWithoutAnExecutableProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("draft").startEvent().endEvent().done();
    ((io.camunda.zeebe.model.bpmn.instance.Process) model.getModelElementById("draft")).setExecutable(false);

    ModelRejectedException e = rejection(Bpmn.convertToString(model));

    // Zeebe's own design-time validation says so first
    assertThat(e.problems()).extracting(ModelProblem::message)
        .containsExactly("Must contain at least one executable process");
  }

  @Test
  void shouldNameTheElementOfAServiceTaskWithoutAJobType() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("broken").startEvent().serviceTask("noType").endEvent()
        .done();

    ModelRejectedException e = rejection(Bpmn.convertToString(model));

    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.elementId()).isIn("noType", "taskDefinition"));
    assertThat(e.getMessage()).contains("noType");
  }

  @Test
  void shouldRejectElementsTheEngineDoesNotRun() {
    // given a complex gateway, which the engine does not execute
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
            targetNamespace="http://example.com">
          <bpmn:process id="odd" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:complexGateway id="complex">
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:complexGateway>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="complex"/>
            <bpmn:sequenceFlow id="f2" sourceRef="complex" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    // when
    ModelRejectedException e = rejection(xml);

    // then: refused, naming the element and why
    assertThat(e).isNotNull();
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.elementId()).isEqualTo("complex");
      assertThat(p.message()).isEqualTo("is not supported by the embedded engine");
    });
  }
}
