package cn.computeloan.credit.bench;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.model.LoanApplication;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Companion to {@link CreditPolicyBenchmark} for a shared machine: the CPU time the benchmark
 * thread spends per full evaluation (thread CPU clock), which other processes' load does not
 * inflate the way it inflates wall time. Run it as described in docs/benchmarks.md.
 */
public final class CreditPolicyCpuTimeBenchmark {

  private CreditPolicyCpuTimeBenchmark() {}

  /**
   * Measures every sample with the shipped tables on both engines of the benchmark ({@code policy}
   * first, then {@code dmn-scala}, each in a fresh state of the same JVM).
   *
   * @param args optional: warm-up rounds (default 2000), measured rounds (default 2000)
   */
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("%-36s %-11s %12s %12s%n", "sample", "engine", "cpu us/op", "wall us/op");
    for (String engine : List.of("policy", "dmn-scala")) {
      for (String sample : List.of(TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC)) {
        CreditPolicyBenchmark state = new CreditPolicyBenchmark();
        state.sample = sample;
        state.engine = engine;
        state.tables = "shipped";
        state.setUp();
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
          sink += state.evaluateAll().finalRateBp();
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
          sink += state.evaluateAll().finalRateBp();
        }
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / rounds;
        double wallMicros = (System.nanoTime() - wall) / 1e3 / rounds;
        System.out.printf("%-36s %-11s %12.1f %12.1f%s%n", sample, engine, cpuMicros, wallMicros,
            sink == 42 ? " " : "");
      }
    }
  }
}
