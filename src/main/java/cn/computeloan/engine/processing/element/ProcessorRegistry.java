package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.model.ModelProblem;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ElementProcessors;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One processor per element kind. Deployment asks {@link #validate} first, so an element without a
 * processor is rejected up front instead of failing at run time.
 */
public final class ProcessorRegistry implements ElementProcessors {

  private final Map<ElementKind, ElementProcessor> processors = new EnumMap<>(ElementKind.class);
  private final JobWorkerProcessor jobWorker = new JobWorkerProcessor();
  private final ScriptTaskProcessor script = new ScriptTaskProcessor();
  private final BusinessRuleTaskProcessor businessRule = new BusinessRuleTaskProcessor();
  private final Gateways gateways = new Gateways();
  private final MultiInstanceProcessor multiInstance = new MultiInstanceProcessor();
  private final CallActivityProcessor callActivity = new CallActivityProcessor();

  public ProcessorRegistry() {
    ContainerProcessor container = new ContainerProcessor(gateways);
    PassThroughProcessor passThrough = new PassThroughProcessor();
    CatchEventProcessor catchEvent = new CatchEventProcessor();
    ThrowEventProcessor throwEvent = new ThrowEventProcessor();
    processors.put(ElementKind.PROCESS, container);
    processors.put(ElementKind.SUB_PROCESS, container);
    processors.put(ElementKind.EVENT_SUB_PROCESS, container);
    processors.put(ElementKind.START_EVENT, passThrough);
    processors.put(ElementKind.BOUNDARY_EVENT, passThrough);
    processors.put(ElementKind.TASK, passThrough);
    processors.put(ElementKind.MANUAL_TASK, passThrough);
    processors.put(ElementKind.END_EVENT, throwEvent);
    processors.put(ElementKind.INTERMEDIATE_THROW_EVENT, throwEvent);
    processors.put(ElementKind.INTERMEDIATE_CATCH_EVENT, catchEvent);
    processors.put(ElementKind.RECEIVE_TASK, catchEvent);
    processors.put(ElementKind.SERVICE_TASK, jobWorker);
    processors.put(ElementKind.SEND_TASK, jobWorker);
    processors.put(ElementKind.SCRIPT_TASK, script);
    processors.put(ElementKind.BUSINESS_RULE_TASK, businessRule);
    processors.put(ElementKind.USER_TASK, new UserTaskProcessor());
    processors.put(ElementKind.EXCLUSIVE_GATEWAY, gateways);
    processors.put(ElementKind.PARALLEL_GATEWAY, gateways);
    processors.put(ElementKind.INCLUSIVE_GATEWAY, gateways);
    processors.put(ElementKind.EVENT_BASED_GATEWAY, new EventBasedGatewayProcessor());
    processors.put(ElementKind.CALL_ACTIVITY, callActivity);
    processors.put(ElementKind.MULTI_INSTANCE_BODY, multiInstance);
  }

  /** Job-based script and business rule tasks run as jobs. */
  @Override
  public ElementProcessor processor(ExecutableElement element) {
    if (element.jobDefinition() != null
        && (element.kind() == ElementKind.SCRIPT_TASK || element.kind() == ElementKind.BUSINESS_RULE_TASK)) {
      return jobWorker;
    }
    ElementProcessor processor = processors.get(element.kind());
    if (processor == null) {
      throw new IllegalStateException("no processor for " + element);
    }
    return processor;
  }

  @Override
  public List<ModelProblem> validate(ExecutableProcess process) {
    List<ModelProblem> problems = new ArrayList<>();
    for (ExecutableElement element : process.elements().values()) {
      if (!processors.containsKey(element.kind())) {
        problems.add(new ModelProblem(element.id(), element.kind().name(), "has no processor in the embedded engine"));
      }
    }
    return problems;
  }

  @Override
  public boolean collectOutput(ElementInstance body, ElementInstance child, ProcessingContext ctx) {
    return multiInstance.collectOutput(body, child, ctx);
  }

  @Override
  public void calledProcessFinished(ElementInstance root, boolean completed, ProcessingContext ctx) {
    callActivity.childProcessFinished(root, completed, ctx);
  }

  @Override
  public boolean isJoin(ExecutableElement element) {
    return Gateways.isJoin(element);
  }

  @Override
  public void tryJoin(ElementInstance scope, ExecutableElement gateway, ProcessingContext ctx) {
    gateways.tryJoin(scope, gateway, ctx);
  }
}
