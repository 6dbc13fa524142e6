package cn.computeloan.engine.journal;

import static cn.computeloan.engine.journal.DurableEngine.is;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.record.VariableValue;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.ParallelGatewayBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many workers completing the jobs of the same instances at once — the branches of a parallel
 * gateway and the items of a parallel multi-instance task — leave a consistent state: every job
 * completed once, every join passed once, every output collected, and a journal that replays to
 * exactly the same history.
 */
class ParallelCompletionTest {

  private static final int BRANCHES = 8;
  private static final int ITEMS = 40;
  private static final int INSTANCES = 10;

  @TempDir Path folder;

  @Test
  void shouldStayConsistentWhenWorkersCompleteJobsOfOneInstanceConcurrently() throws Exception {
    JournalDatabase database = JournalDatabase.h2(folder);
    try (DurableEngine engine = new DurableEngine(database, Instant.now())) {
      engine.engine.deploy(List.of(new DeploymentResource("parallel.bpmn", process().getBytes(StandardCharsets.UTF_8))),
          "<default>");
      for (int i = 0; i < INSTANCES; i++) {
        engine.engine.createProcessInstance(new CreateInstanceCommand(-1, "parallel", -1,
            Map.of("items", IntStream.range(0, ITEMS).boxed().toList()), List.of(), false, 0, List.of(), "<default>"))
            .join();
      }

      AtomicInteger completedJobs = new AtomicInteger();
      int expectedJobs = INSTANCES * (BRANCHES + ITEMS);
      ExecutorService workers = Executors.newFixedThreadPool(8);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String type = w % 2 == 0 ? "branch" : "item";
        running.add(workers.submit(() -> {
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (completedJobs.get() < expectedJobs && System.nanoTime() < end) {
            for (String t : List.of(type, type.equals("branch") ? "item" : "branch")) {
              for (ActivatedJob job : engine.activate(t, 3)) {
                Object item = job.variables().get("item");
                engine.engine.completeJob(job.jobKey(), item == null ? Map.of() : Map.of("result", item), JobResult.none());
                completedJobs.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get(90, TimeUnit.SECONDS);
      }
      workers.shutdown();

      assertThat(completedJobs.get()).isEqualTo(expectedJobs);
      assertThat(processesCompleted(engine.records)).isEqualTo(INSTANCES);
      assertThat(engine.records.stream().filter(is(ValueType.JOB, "COMPLETED"))
          .collect(Collectors.groupingBy(Record::key, Collectors.counting())))
          .hasSize(expectedJobs).allSatisfy((key, count) -> assertThat(count).isOne());
      assertThat(engine.records.stream().filter(r -> "ELEMENT_COMPLETED".equals(r.intent())
          && r.value() instanceof ProcessInstanceValue v && v.elementId().equals("join"))).hasSize(INSTANCES);
      List<String> results = engine.records.stream().filter(r -> r.value() instanceof VariableValue v
          && v.name().equals("results") && v.scopeKey() == v.processInstanceKey())
          .map(r -> ((VariableValue) r.value()).value()).toList();
      assertThat(results).hasSize(INSTANCES).allSatisfy(json -> assertThat(json)
          .isEqualTo(IntStream.range(0, ITEMS).boxed().toList().toString().replace(" ", "")));

      List<String> before = EngineRestartScenario.describe(engine.records);
      engine.restart();
      assertThat(EngineRestartScenario.describe(engine.records)).containsExactlyElementsOf(before);
    } finally {
      database.close();
    }
  }

  private static long processesCompleted(List<Record> records) {
    return records.stream().filter(r -> "ELEMENT_COMPLETED".equals(r.intent()) && r.value() instanceof ProcessInstanceValue v
        && "PROCESS".equals(v.bpmnElementType())).count();
  }

  private static String process() {
    ParallelGatewayBuilder fork = Bpmn.createExecutableProcess("parallel").startEvent().parallelGateway("fork");
    fork.serviceTask("branch0", t -> t.zeebeJobType("branch")).parallelGateway("join");
    for (int b = 1; b < BRANCHES; b++) {
      fork.moveToNode("fork").serviceTask("branch" + b, t -> t.zeebeJobType("branch")).connectTo("join");
    }
    return Bpmn.convertToString(fork.moveToNode("join")
        .serviceTask("each", t -> t.zeebeJobType("item").multiInstance().parallel()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")
            .zeebeOutputCollection("results").zeebeOutputElementExpression("result").multiInstanceDone())
        .endEvent().done());
  }
}
