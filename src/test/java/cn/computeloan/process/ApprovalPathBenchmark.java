package cn.computeloan.process;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.record.UserTaskValue;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import io.camunda.client.CamundaClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The automated part of the approval path on the embedded engine with the real workers: from
 * creating the instance to the first human task (Prepare credit proposal) of a tier-A application
 * that passes completeness, review, scoring, tier admission, limit, guarantee, pricing and
 * authority. Applications arrive open-loop at a fixed rate; the latency of each is measured from the
 * create command to the engine's USER_TASK CREATED record.
 *
 * <p>Not part of the test suite (surefire excludes *Benchmark). Run, e.g.:
 * {@code ./mvnw -B -q -ntp test -Dtest=ApprovalPathBenchmark -Dbench.apps=1000 -Dbench.rate=10}
 * (see docs/benchmarks.md).
 */
class ApprovalPathBenchmark {

  @Test
  void measureSubmissionToFirstHumanTask() throws Exception {
    int apps = Integer.getInteger("bench.apps", 1000);
    double rate = Double.parseDouble(System.getProperty("bench.rate", "10"));
    int threads = Integer.getInteger("bench.threads", 4);
    try (var app = new SpringApplicationBuilder(ComputeLoanApplication.class).run("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "--spring.main.banner-mode=off", "--camunda.client.request-timeout=PT60S",
        "--camunda.client.execution-threads=" + threads, "--logging.level.root=WARN")) {
      CamundaClient client = app.getBean(CamundaClient.class);
      InMemoryCaseFile caseFile = app.getBean(InMemoryCaseFile.class);
      EmbeddedEngine engine = app.getBean(EmbeddedEngine.class);
      Map<Long, Long> started = new ConcurrentHashMap<>();
      Map<Long, Long> reached = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(apps + 20);
      engine.addRecordListener(records -> records.forEach(r -> {
        if ("CREATED".equals(r.intent()) && r.value() instanceof UserTaskValue task
            && "Task_PrepareCreditProposal".equals(task.elementId())) {
          reached.put(task.processInstanceKey(), System.nanoTime());
          done.countDown();
        }
      }));
      // warm-up: parse, JIT, connections
      for (int i = 0; i < 20; i++) {
        LoanApplication a = TestData.sample(TestData.DATA_CENTRE, n -> n.put("applicationId", "WARM-" + System.nanoTime()));
        caseFile.store(a);
        client.newCreateInstanceCommand().bpmnProcessId(ProcessFixture.APPROVAL).latestVersion()
            .variables(Map.of("applicationId", a.applicationId())).send().join();
      }
      Thread.sleep(5_000);

      long intervalNanos = (long) (1e9 / rate);
      long begin = System.nanoTime();
      for (int i = 0; i < apps; i++) {
        long due = begin + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        LoanApplication a = TestData.sample(TestData.DATA_CENTRE, n -> n.put("applicationId", "BENCH-" + System.nanoTime()));
        caseFile.store(a);
        long t0 = System.nanoTime();
        // the key is known only when the command returns: record the start before sending
        var future = client.newCreateInstanceCommand().bpmnProcessId(ProcessFixture.APPROVAL).latestVersion()
            .variables(Map.of("applicationId", a.applicationId())).send();
        long key = future.join().getProcessInstanceKey();
        started.putIfAbsent(key, t0);
      }
      boolean all = done.await(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - begin) / 1e9;
      List<Long> sorted = new ArrayList<>();
      started.forEach((key, t0) -> {
        Long t1 = reached.get(key);
        if (t1 != null) {
          sorted.add(t1 - t0);
        }
      });
      Collections.sort(sorted);
      System.out.printf("BENCH apps=%d rate=%.1f/s threads=%d complete=%s elapsed=%.1fs throughput=%.2f apps/s "
              + "p50=%dms p90=%dms p99=%dms max=%dms%n", apps, rate, threads, all, seconds, sorted.size() / seconds,
          pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 1.0));
    }
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1);
    return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, i)));
  }
}
