package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.DeploymentResult;
import cn.computeloan.engine.api.DeploymentResult.Deployed;
import cn.computeloan.engine.api.DeploymentResult.Kind;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.model.EventType;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.model.ModelProblem;
import cn.computeloan.engine.model.ModelRejectedException;
import cn.computeloan.engine.model.ProcessTransformer;
import cn.computeloan.engine.record.ResourceValue;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.EngineState;
import cn.computeloan.engine.state.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * Deploys BPMN, DMN and form resources. Everything is validated before anything is stored, so a
 * deployment is all or nothing. A resource whose content equals its latest version is not deployed
 * again (Zeebe's duplicate check); a changed one gets the next version.
 */
public final class DeploymentBehavior {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessingContext ctx;
  private final ProcessTransformer transformer = new ProcessTransformer();

  public DeploymentBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
  }

  private sealed interface Parsed permits ParsedBpmn, ParsedDmnResource, ParsedForm {}
  private record ParsedBpmn(DeploymentResource resource, List<ProcessTransformer.ParsedProcess> processes) implements Parsed {}
  private record ParsedDmnResource(DeploymentResource resource, ParsedDmn dmn) implements Parsed {}
  private record ParsedForm(DeploymentResource resource, String formId) implements Parsed {}

  public DeploymentResult deploy(List<DeploymentResource> resources) {
    if (resources == null || resources.isEmpty()) {
      throw EngineException.invalidArgument("Expected to deploy at least one resource, but none given");
    }
    List<Parsed> parsed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (DeploymentResource resource : resources) {
      try {
        parsed.add(parse(resource));
      } catch (ModelRejectedException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw EngineException.invalidArgument("Expected to deploy new resources, but encountered the following errors:\n"
          + String.join("\n", problems));
    }
    long deploymentKey = ctx.state().nextKey();
    List<Deployed> deployed = new ArrayList<>();
    for (Parsed p : parsed) {
      if (p instanceof ParsedBpmn bpmn) {
        bpmn.processes().forEach(pp -> deployed.add(deployProcess(bpmn.resource(), pp, deploymentKey)));
      } else if (p instanceof ParsedDmnResource dmn) {
        deployed.addAll(deployDmn(dmn, deploymentKey));
      } else if (p instanceof ParsedForm form) {
        deployed.add(deployForm(form, deploymentKey));
      }
    }
    ctx.writer().append(deploymentKey, ValueType.DEPLOYMENT, "CREATED", new ResourceValue("", "", 0, null, deploymentKey,
        deploymentKey, "", "", null, -1, null, RecordWriter.TENANT));
    return new DeploymentResult(deploymentKey, RecordWriter.TENANT, deployed);
  }

  private Parsed parse(DeploymentResource resource) {
    String name = resource.name();
    if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
      List<ProcessTransformer.ParsedProcess> processes = transformer.transform(name, resource.content());
      List<ModelProblem> problems = new ArrayList<>();
      for (ProcessTransformer.ParsedProcess p : processes) {
        problems.addAll(ctx.processors().validate(new ExecutableProcess(p.bpmnProcessId(), p.name(), 0, null, 0, 0, name,
            "", "", p.root(), p.elements(), RecordWriter.TENANT)));
        problems.addAll(TimerSchedule.validate(p.elements().values()));
      }
      if (!problems.isEmpty()) {
        throw new ModelRejectedException(name, problems);
      }
      return new ParsedBpmn(resource, processes);
    }
    if (name.endsWith(".dmn")) {
      return new ParsedDmnResource(resource, ctx.decisions().parse(name, resource.content()));
    }
    if (name.endsWith(".form")) {
      try {
        JsonNode form = JSON.readTree(resource.content());
        JsonNode id = form.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
          throw new ModelRejectedException(name, List.of(new ModelProblem("-", "form", "has no 'id'")));
        }
        return new ParsedForm(resource, id.asText());
      } catch (java.io.IOException e) {
        throw new ModelRejectedException(name, List.of(new ModelProblem("-", "form", "is not valid JSON: " + e.getMessage())));
      }
    }
    throw new ModelRejectedException(name, List.of(new ModelProblem("-", "resource",
        "has an unknown type; expected a .bpmn, .dmn or .form file")));
  }

  private Deployed deployProcess(DeploymentResource resource, ProcessTransformer.ParsedProcess parsed, long deploymentKey) {
    String checksum = checksum(resource.content());
    ExecutableProcess latest = ctx.state().latestProcess(parsed.bpmnProcessId());
    if (latest != null && latest.checksum().equals(checksum) && latest.resourceName().equals(resource.name())) {
      return new Deployed(Kind.PROCESS, latest.bpmnProcessId(), latest.name(), latest.version(), latest.key(),
          latest.resourceName(), null, -1, RecordWriter.TENANT);
    }
    int version = latest == null ? 1 : latest.version() + 1;
    ExecutableProcess process = new ExecutableProcess(parsed.bpmnProcessId(), parsed.name(), version, parsed.versionTag(),
        ctx.state().nextKey(), deploymentKey, resource.name(), checksum,
        new String(resource.content(), StandardCharsets.UTF_8), parsed.root(), parsed.elements(), RecordWriter.TENANT);
    ctx.state().addProcess(process);
    ctx.writer().append(process.key(), ValueType.PROCESS, "CREATED", new ResourceValue(process.bpmnProcessId(),
        process.name(), version, process.versionTag(), process.key(), deploymentKey, resource.name(), checksum, null, -1,
        process.resource(), RecordWriter.TENANT));
    replaceStartTimers(latest, process);
    return new Deployed(Kind.PROCESS, process.bpmnProcessId(), process.name(), version, process.key(),
        resource.name(), null, -1, RecordWriter.TENANT);
  }

  /** Timer start events of the previous version stop; those of the new version start. */
  private void replaceStartTimers(ExecutableProcess previous, ExecutableProcess process) {
    if (previous != null) {
      for (Timer timer : List.copyOf(ctx.state().timers().values())) {
        if (timer.owner() == null && timer.process() == previous) {
          ctx.state().timers().remove(timer.key());
          ctx.state().timersByDueDate().remove(timer);
          ctx.writer().timer("CANCELED", timer);
        }
      }
    }
    for (ExecutableElement start : process.startEvents()) {
      if (start.eventType() == EventType.TIMER) {
        TimerSchedule schedule = ctx.events().evaluateTimer(start.timer(), Map.of());
        if (schedule != null) {
          ctx.events().addTimer(null, process, start, schedule.first(), schedule.repetitions(), schedule);
        }
      }
    }
  }

  private List<Deployed> deployDmn(ParsedDmnResource parsed, long deploymentKey) {
    DeploymentResource resource = parsed.resource();
    var definitions = parsed.dmn().model().getDefinitions();
    String drgId = definitions.getId();
    String checksum = checksum(resource.content());
    EngineState.DecisionResource latest = ctx.state().latestDecisionResource(drgId);
    List<Deployed> result = new ArrayList<>();
    if (latest != null && latest.checksum().equals(checksum) && latest.resourceName().equals(resource.name())) {
      result.add(new Deployed(Kind.DECISION_REQUIREMENTS, drgId, latest.name(), latest.version(), latest.key(),
          resource.name(), null, -1, RecordWriter.TENANT));
      latest.decisions().values().forEach(d -> result.add(new Deployed(Kind.DECISION, d.decisionId(), d.name(),
          d.version(), d.key(), resource.name(), drgId, latest.key(), RecordWriter.TENANT)));
      return result;
    }
    int version = latest == null ? 1 : latest.version() + 1;
    Map<String, EngineState.DecisionDef> decisions = new LinkedHashMap<>();
    EngineState.DecisionResource drg = new EngineState.DecisionResource(drgId, definitions.getName(), version,
        ctx.state().nextKey(), resource.name(), new String(resource.content(), StandardCharsets.UTF_8), checksum,
        parsed.dmn(), decisions);
    for (ParsedDecision decision : DecisionBehavior.decisions(parsed.dmn())) {
      EngineState.DecisionDef previous = ctx.state().latestDecision(decision.id());
      int decisionVersion = previous == null ? 1 : previous.version() + 1;
      decisions.put(decision.id(), new EngineState.DecisionDef(decision.id(), decision.name(), decisionVersion,
          ctx.state().nextKey(), drg));
    }
    ctx.state().addDecisionResource(drg);
    ctx.writer().append(drg.key(), ValueType.DECISION_REQUIREMENTS, "CREATED", new ResourceValue(drgId, drg.name(),
        version, null, drg.key(), deploymentKey, resource.name(), checksum, null, -1, drg.resource(), RecordWriter.TENANT));
    result.add(new Deployed(Kind.DECISION_REQUIREMENTS, drgId, drg.name(), version, drg.key(), resource.name(), null, -1,
        RecordWriter.TENANT));
    for (EngineState.DecisionDef d : decisions.values()) {
      ctx.writer().append(d.key(), ValueType.DECISION, "CREATED", new ResourceValue(d.decisionId(), d.name(), d.version(),
          null, d.key(), deploymentKey, resource.name(), checksum, drgId, drg.key(), null, RecordWriter.TENANT));
      result.add(new Deployed(Kind.DECISION, d.decisionId(), d.name(), d.version(), d.key(), resource.name(), drgId,
          drg.key(), RecordWriter.TENANT));
    }
    return result;
  }

  private Deployed deployForm(ParsedForm parsed, long deploymentKey) {
    DeploymentResource resource = parsed.resource();
    String checksum = checksum(resource.content());
    EngineState.Form latest = ctx.state().latestForm(parsed.formId());
    if (latest != null && latest.checksum().equals(checksum) && latest.resourceName().equals(resource.name())) {
      return new Deployed(Kind.FORM, latest.formId(), latest.formId(), latest.version(), latest.key(),
          resource.name(), null, -1, RecordWriter.TENANT);
    }
    int version = latest == null ? 1 : latest.version() + 1;
    EngineState.Form form = new EngineState.Form(parsed.formId(), version, ctx.state().nextKey(), resource.name(),
        new String(resource.content(), StandardCharsets.UTF_8), checksum);
    ctx.state().addForm(form);
    ctx.writer().append(form.key(), ValueType.FORM, "CREATED", new ResourceValue(form.formId(), form.formId(), version,
        null, form.key(), deploymentKey, resource.name(), checksum, null, -1, form.content(), RecordWriter.TENANT));
    return new Deployed(Kind.FORM, form.formId(), form.formId(), version, form.key(), resource.name(), null, -1,
        RecordWriter.TENANT);
  }

  private static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
