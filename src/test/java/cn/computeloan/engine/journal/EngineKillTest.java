package cn.computeloan.engine.journal;

import static cn.computeloan.engine.journal.DurableEngine.is;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of load: a child JVM runs the engine on an H2 file and is killed
 * without warning; the engine started again on the same file must hold every command the child
 * acknowledged, apply none twice, and carry every instance to completion.
 */
class EngineKillTest {

  static final String PROCESS = "kill-target";

  @TempDir Path folder;

  @Test
  void shouldKeepEveryAcknowledgedCommandWhenKilledUnderLoad() throws Exception {
    JournalDatabase database = JournalDatabase.h2(folder);
    try (DurableEngine setup = new DurableEngine(database, Instant.now())) {
      setup.engine.deploy(List.of(new DeploymentResource("kill.bpmn", Bpmn.convertToString(
          Bpmn.createExecutableProcess(PROCESS).startEvent().serviceTask("t1", t -> t.zeebeJobType("k1"))
              .serviceTask("t2", t -> t.zeebeJobType("k2")).serviceTask("t3", t -> t.zeebeJobType("k3"))
              .endEvent().done()).getBytes(StandardCharsets.UTF_8))), "<default>");
    }

    Set<Long> created = new HashSet<>();
    Set<Long> completed = new HashSet<>();
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", KillTarget.class.getName(),
        database.url(), database.user())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      String line;
      while (completed.size() < 400 && System.nanoTime() < deadline && (line = lines.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 2 && parts[0].equals("CREATED")) {
          created.add(Long.parseLong(parts[1]));
        } else if (parts.length == 2 && parts[0].equals("COMPLETED")) {
          completed.add(Long.parseLong(parts[1]));
        }
      }
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(completed).as("acknowledged completions before the kill").hasSizeGreaterThanOrEqualTo(400);

    try (DurableEngine engine = new DurableEngine(database, Instant.now())) {
      Set<Long> instances = engine.records.stream()
          .filter(r -> r.valueType() == ValueType.PROCESS_INSTANCE && "ELEMENT_ACTIVATED".equals(r.intent())
              && "PROCESS".equals(((ProcessInstanceValue) r.value()).bpmnElementType()))
          .map(Record::key).collect(Collectors.toSet());
      assertThat(instances).containsAll(created);
      Map<Long, Long> completions = engine.records.stream().filter(is(ValueType.JOB, "COMPLETED"))
          .collect(Collectors.groupingBy(Record::key, Collectors.counting()));
      assertThat(completions.keySet()).containsAll(completed);
      assertThat(completions.values()).allMatch(count -> count == 1);

      // jobs the child had activated but not completed come back after their timeout
      engine.clock.advance(Duration.ofMinutes(6));
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (finished(engine) < instances.size() && System.nanoTime() < end) {
        for (String type : List.of("k1", "k2", "k3")) {
          for (ActivatedJob job : engine.activate(type, 50)) {
            engine.engine.completeJob(job.jobKey(), Map.of(), JobResult.none());
          }
        }
        Thread.sleep(10);
      }
      assertThat(finished(engine)).isEqualTo(instances.size());
      assertThat(engine.records.stream().filter(is(ValueType.JOB, "COMPLETED"))
          .collect(Collectors.groupingBy(Record::key, Collectors.counting())).values()).allMatch(count -> count == 1);
    } finally {
      database.close();
    }
  }

  private static long finished(DurableEngine engine) {
    return engine.records.stream().filter(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && "ELEMENT_COMPLETED".equals(r.intent())
        && "PROCESS".equals(((ProcessInstanceValue) r.value()).bpmnElementType())).count();
  }
}
