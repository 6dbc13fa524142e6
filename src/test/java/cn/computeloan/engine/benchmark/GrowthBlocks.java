package cn.computeloan.engine.benchmark;

import cn.computeloan.engine.journal.Journal;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The history-growth measurement: one closed loop runs without a break while this class cuts it into
 * consecutive blocks of {@code blockInstances} completed instances and measures each — job
 * completions/s, CPU per completion (whole process, and by thread group), GC, heap after the last
 * GC, resident memory — then judges flatness against the median block. Blocks are long enough to
 * hold the periodic work (archive batches, snapshots every 50,000 commands, H2's housekeeping) in
 * every block alike, and no block starts right after a pause or a phase change, which is what made
 * the earlier 10-second steps scatter (docs/benchmarks.md, "History growth measurement").
 */
final class GrowthBlocks {

  /** One block's figures; {@code cpuByGroup} in milliseconds. */
  record Block(long history, long instances, long completions, double seconds, double cpuMillis,
      Map<String, Double> cpuByGroup, long gcs, long gcPauseMillis, long heapAfterGcMiB, long heapCommittedMiB,
      long residentMiB, long storageMiB, long documents, double entriesPerCommit, long snapshotsDue, String load) {

    double completionsPerSecond() {
      return completions / seconds;
    }

    /** CPU of this JVM (client and engine) per job completion, in ms. */
    double cpuMillisPerCompletion() {
      return cpuMillis / Math.max(1, completions);
    }

    /** As above plus the PostgreSQL backends serving this JVM's connections (none on H2). */
    double cpuWithDatabasePerCompletion() {
      return (cpuMillis + cpuByGroup.getOrDefault("postgres", 0.0)) / Math.max(1, completions);
    }
  }

  private final long blockInstances;
  private final LongSupplier instancesDone;
  private final LongSupplier completions;
  private final Supplier<Journal.Statistics> journal;
  private final LongSupplier documents;
  private final LongSupplier storageMiB;
  private final long snapshotEvery;
  private final Consumer<String> log;
  private final List<Block> blocks = new ArrayList<>();
  private final ThreadCpu first;
  private long nextBoundary;
  private long start;
  private long done0;
  private long completions0;
  private ThreadCpu cpu0;
  private long gcs0;
  private long gcMillis0;
  private Journal.Statistics journal0;

  GrowthBlocks(long blockInstances, LongSupplier instancesDone, LongSupplier completions,
      Supplier<Journal.Statistics> journal, LongSupplier documents, LongSupplier storageMiB, long snapshotEvery,
      Consumer<String> log) {
    this.blockInstances = blockInstances;
    this.instancesDone = instancesDone;
    this.completions = completions;
    this.journal = journal;
    this.documents = documents;
    this.storageMiB = storageMiB;
    this.snapshotEvery = snapshotEvery;
    this.log = log;
    this.first = ThreadCpu.now();
    begin();
  }

  private void begin() {
    start = System.nanoTime();
    done0 = instancesDone.getAsLong();
    completions0 = completions.getAsLong();
    cpu0 = ThreadCpu.now();
    gcs0 = gcCount();
    gcMillis0 = gcMillis();
    journal0 = journal.get();
    nextBoundary = done0 + blockInstances;
  }

  /** Called every few milliseconds while the loop runs: closes a block once it has its instances. */
  void tick() {
    if (instancesDone.getAsLong() >= nextBoundary) {
      close();
      begin();
    }
  }

  /** Closes the block in progress if it holds at least half a block (a shorter tail is not measured). */
  void finish() {
    if (instancesDone.getAsLong() - done0 >= blockInstances / 2) {
      close();
    }
  }

  private void close() {
    double seconds = (System.nanoTime() - start) / 1e9;
    long jobs = completions.getAsLong() - completions0;
    ThreadCpu cpu = ThreadCpu.now();
    Map<String, Double> byGroup = cpu.millisByGroupSince(cpu0);
    double cpuMillis = byGroup.entrySet().stream().filter(e -> !e.getKey().equals("postgres"))
        .mapToDouble(Map.Entry::getValue).sum();
    Journal.Statistics j = journal.get();
    long entries = j.entries() - journal0.entries();
    long commits = j.commits() - journal0.commits();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Block block = new Block(instancesDone.getAsLong(), instancesDone.getAsLong() - done0, jobs, seconds, cpuMillis,
        byGroup, gcCount() - gcs0, gcMillis() - gcMillis0, heapAfterLastGc() >> 20, heap.getCommitted() >> 20,
        ProcessInfo.residentMiB(), storageMiB.getAsLong(), documents.getAsLong(),
        entries / (double) Math.max(1, commits),
        snapshotEvery <= 0 ? 0 : j.entries() / snapshotEvery - journal0.entries() / snapshotEvery,
        ProcessInfo.loadAverage());
    blocks.add(block);
    log.accept(String.format("growth block to %,d instances (ended %s): %,d instances in %.1f s, "
            + "%.0f job completions/s, "
            + "%.2f ms CPU per completion (by thread group: %s); GC %d pauses %d ms; "
            + "heap after GC %d MiB (committed %d MiB); "
            + "resident %d MiB; database on disk %,d MiB; documents in memory %,d; journal %.1f entries per commit; "
            + "snapshots due %d; load average %s", block.history(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
        block.instances(), seconds, block.completionsPerSecond(),
        block.cpuMillisPerCompletion(), ThreadCpu.perCompletion(byGroup, jobs), block.gcs(), block.gcPauseMillis(),
        block.heapAfterGcMiB(), block.heapCommittedMiB(), block.residentMiB(), block.storageMiB(), block.documents(),
        block.entriesPerCommit(), block.snapshotsDue(), block.load()));
  }

  List<Block> blocks() {
    return blocks;
  }

  /** Flatness of throughput and CPU per completion against the median block, in a band of ±{@code band}. */
  void verdict(double band) {
    if (blocks.isEmpty()) {
      log.accept("growth: no complete block (bench.history too small for bench.block)");
      return;
    }
    log.accept("growth threads by CPU over all blocks: " + ThreadCpu.now().topThreadsSince(first, 12));
    long[] history = blocks.stream().mapToLong(Block::history).toArray();
    log.accept(judge("job completions/s", blocks.stream().mapToDouble(Block::completionsPerSecond).toArray(), history,
        band));
    log.accept(judge("CPU per completion (ms, JVM)",
        blocks.stream().mapToDouble(Block::cpuMillisPerCompletion).toArray(), history, band));
    if (blocks.stream().anyMatch(b -> b.cpuByGroup().getOrDefault("postgres", 0.0) > 0)) {
      log.accept(judge("CPU per completion (ms, JVM + PostgreSQL backends)",
          blocks.stream().mapToDouble(Block::cpuWithDatabasePerCompletion).toArray(), history, band));
    }
    log.accept(String.format("growth memory: heap after GC %d–%d MiB, resident %d–%d MiB (peak resident %d MiB); "
            + "database on disk %,d → %,d MiB",
        blocks.stream().mapToLong(Block::heapAfterGcMiB).min().orElse(0),
        blocks.stream().mapToLong(Block::heapAfterGcMiB).max().orElse(0),
        blocks.stream().mapToLong(Block::residentMiB).min().orElse(0),
        blocks.stream().mapToLong(Block::residentMiB).max().orElse(0), ProcessInfo.peakResidentMiB(),
        blocks.get(0).storageMiB(), blocks.get(blocks.size() - 1).storageMiB()));
  }

  /**
   * The verdict line for one figure of the blocks ({@code values}, measured up to {@code history}
   * instances): the median, the band around it, each block's ratio, the blocks outside the band, and
   * the least-squares trend in % of the median per 10,000 instances.
   */
  static String judge(String what, double[] values, long[] history, double band) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    StringBuilder ratios = new StringBuilder();
    List<Integer> outside = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double ratio = values[i] / median;
      ratios.append(i == 0 ? "" : " ").append(String.format("%.0f%%", 100 * ratio));
      if (Math.abs(ratio - 1) > band) {
        outside.add(i + 1);
      }
    }
    // least-squares slope against the history, relative to the median: a trend, apart from the scatter
    double mx = java.util.Arrays.stream(history).average().orElse(0);
    double my = java.util.Arrays.stream(values).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = history[i] - mx;
      sxy += dx * (values[i] - my);
      sxx += dx * dx;
    }
    double trend = sxx == 0 ? 0 : 100 * sxy / sxx * 10_000 / median;
    return String.format("growth %s: median %.2f, band ±%.0f%% = %.2f–%.2f; blocks against the median: %s; "
            + "min %.0f%%, max %.0f%%; trend %+.1f%% of the median per 10,000 instances; %s", what, median, 100 * band,
        median * (1 - band), median * (1 + band), ratios, 100 * sorted[0] / median, 100 * sorted[n - 1] / median,
        trend, outside.isEmpty() ? "FLAT: every block within the band"
            : "NOT FLAT: block(s) " + outside + " of " + n + " outside the band");
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  /** Heap in use right after the most recent collection of each heap pool (no collection forced). */
  private static long heapAfterLastGc() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
        .mapToLong((MemoryPoolMXBean p) -> p.getCollectionUsage().getUsed()).sum();
  }
}
