package cn.computeloan.engine.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time of this process by thread group, read from {@code /proc/self/task/<tid>/stat} (Linux). The
 * kernel knows every thread, including those the JVM hides from {@code ThreadMXBean}: GC workers,
 * JIT compilers, the VM thread. A thread is known by its native name, which the JVM sets from the
 * Java name cut to 15 characters, so the groups go by prefix. CPU of threads that ended between two
 * readings is the process's CPU minus the sum over the live threads ({@code exited}). On PostgreSQL the
 * server's backends for this process's connections are counted too ({@code postgres}): the work that
 * H2 does in the application's threads happens there.
 */
final class ThreadCpu {

  private static final String POSTGRES = "postgres backend";

  /** Thread groups in the order they are printed: name and native-name prefixes. */
  private static final List<Map.Entry<String, List<String>>> GROUPS = List.of(
      Map.entry("http", List.of("http-nio-")),
      Map.entry("client", List.of("bench-", "httpclient-", "pool-", "camunda-", "grpc-", "ForkJoinPool")),
      Map.entry("journal", List.of("engine-journal")),
      // engine-history-archiver and engine-history-retention have the same 15-character native name
      Map.entry("archiver", List.of("engine-history")),
      Map.entry("snapshot", List.of("engine-snapshot")),
      Map.entry("h2", List.of("MVStore", "H2 ", "engine-h2")),
      Map.entry("gc", List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic")),
      Map.entry("jit", List.of("C1 Compiler", "C2 Compiler")),
      // not threads of this process: the PostgreSQL server processes serving its connections
      Map.entry("postgres", List.of(POSTGRES)));

  /** Process ids whose CPU is counted as well: the database server's backends for this process's connections. */
  private static volatile Supplier<Collection<Integer>> outside = List::of;

  /** /proc times are in USER_HZ ticks, 100 per second on Linux whatever the kernel's own tick rate. */
  private static final double MILLIS_PER_TICK = 10.0;

  private final Map<Integer, Sample> threads;
  private final long processNanos;

  private record Sample(String name, long ticks, boolean own) {}

  static void countOutside(Supplier<Collection<Integer>> processes) {
    outside = processes;
  }

  private ThreadCpu(Map<Integer, Sample> threads, long processNanos) {
    this.threads = threads;
    this.processNanos = processNanos;
  }

  /** The CPU times of every thread now (empty where /proc is missing). */
  static ThreadCpu now() {
    long process = processCpuNanos();
    Map<Integer, Sample> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        read(task.resolve("stat"), true, threads);
      }
    } catch (IOException e) {
      return new ThreadCpu(Map.of(), process);
    }
    for (int pid : outside.get()) {
      read(Path.of("/proc", Integer.toString(pid), "stat"), false, threads);
    }
    return new ThreadCpu(threads, process);
  }

  private static void read(Path file, boolean own, Map<Integer, Sample> into) {
    try {
      String stat = Files.readString(file);
      // "tid (name) state ...": the name may contain spaces and parentheses, so cut at the last ')'
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String[] fields = stat.substring(close + 2).split(" ");
      // fields after the name: state is [0], utime [11], stime [12]
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      into.put(Integer.parseInt(stat.substring(0, open).trim()),
          new Sample(own ? stat.substring(open + 1, close) : POSTGRES, ticks, own));
    } catch (IOException | RuntimeException e) {
      // the thread ended while the directory was read: its time shows up under "exited"
    }
  }

  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  static String group(String nativeName) {
    for (Map.Entry<String, List<String>> group : GROUPS) {
      for (String prefix : group.getValue()) {
        if (nativeName.startsWith(prefix)) {
          return group.getKey();
        }
      }
    }
    return "other";
  }

  /** CPU milliseconds by group from {@code earlier} to this reading, plus {@code exited}. */
  Map<String, Double> millisByGroupSince(ThreadCpu earlier) {
    Map<String, Double> groups = new LinkedHashMap<>();
    GROUPS.forEach(g -> groups.put(g.getKey(), 0.0));
    groups.put("other", 0.0);
    double live = 0;
    for (Map.Entry<Integer, Sample> thread : threads.entrySet()) {
      Sample before = earlier.threads.get(thread.getKey());
      long ticks = thread.getValue().ticks() - (before == null ? 0 : before.ticks());
      live += thread.getValue().own() ? ticks * MILLIS_PER_TICK : 0;
      groups.merge(group(thread.getValue().name()), ticks * MILLIS_PER_TICK, Double::sum);
    }
    groups.put("exited", Math.max(0, (processNanos - earlier.processNanos) / 1e6 - live));
    return groups;
  }

  /** The {@code top} threads by CPU since {@code earlier}: native name, group and milliseconds. */
  String topThreadsSince(ThreadCpu earlier, int top) {
    Map<String, Long> byName = new HashMap<>();
    threads.forEach((tid, sample) -> {
      Sample before = earlier.threads.get(tid);
      byName.merge(sample.name(), sample.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
    });
    StringBuilder out = new StringBuilder();
    byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(String.format("'%s' [%s] %.1f s", e.getKey(),
            group(e.getKey()), e.getValue() * MILLIS_PER_TICK / 1000)));
    return out.toString();
  }

  /** Per job completion in ms: "http 0.61 client 0.40 …" (groups under 0.005 ms left out). */
  static String perCompletion(Map<String, Double> millis, long completions) {
    StringBuilder out = new StringBuilder();
    millis.forEach((group, ms) -> {
      double per = ms / Math.max(1, completions);
      if (per >= 0.005) {
        out.append(out.isEmpty() ? "" : " ").append(group).append(String.format(" %.2f", per));
      }
    });
    return out.toString();
  }
}
