package cn.computeloan.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.SearchContext;
import cn.computeloan.engine.testing.Records;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A search's scan of the read model lets record application in while it runs. */
class ReadModelStoreTest {

  private static final int INSTANCES = 20_000;

  private final Records records = new Records();
  private final ReadModelStore store = new ReadModelStore(null);

  private void startInstances(int count) {
    List<cn.computeloan.engine.record.Record> batch = new ArrayList<>();
    for (long key = 1; key <= count; key++) {
      batch.add(records.instance(key, "ELEMENT_ACTIVATING"));
    }
    store.apply(batch);
  }

  /**
   * Scans the process instances with a visitor that is slow until {@code write} (started from the
   * first document, on another thread) has finished: as slow as a pathological search, for as long
   * as the write is kept waiting (at most about 5 s). Returns how many documents were visited when
   * the write finished (-1: not during the scan).
   */
  private int scanWhile(Runnable write, Consumer<Document> visited) {
    CompletableFuture<Void> writer = new CompletableFuture<>();
    AtomicInteger visits = new AtomicInteger();
    AtomicInteger visitsWhenWritten = new AtomicInteger(-1);
    SearchContext context = new SearchContext(Duration.ofSeconds(60), store::scan);
    store.scan(store.processInstances.instances, context, document -> {
      if (visits.getAndIncrement() == 0) {
        CompletableFuture.runAsync(write).whenComplete((ok, failure) -> writer.complete(null));
      }
      long slowUntil = System.nanoTime() + 250_000;
      while (!writer.isDone() && System.nanoTime() < slowUntil) {
        Thread.onSpinWait();
      }
      if (writer.isDone()) {
        visitsWhenWritten.compareAndSet(-1, visits.get());
      }
      visited.accept(document);
    });
    return visitsWhenWritten.get();
  }

  @Test
  void shouldLetRecordApplicationInWhileALongScanRuns() {
    // given
    startInstances(INSTANCES);
    // when: a slow scan, and meanwhile the records of a new instance are applied
    int visitsWhenWritten = scanWhile(() -> store.apply(List.of(records.instance(INSTANCES + 1, "ELEMENT_ACTIVATING"))),
        document -> { });
    // then: the write did not wait for the end of the scan
    assertThat(visitsWhenWritten).isBetween(1, INSTANCES - 1);
    assertThat(store.processInstances.instances.find(INSTANCES + 1)).isPresent();
  }

  @Test
  void shouldSkipDocumentsRemovedWhileTheScanRuns() {
    // given
    startInstances(INSTANCES);
    List<String> seen = new ArrayList<>();
    // when: the last instance is dropped (archived, say) while the scan is at the first ones
    int visitsWhenWritten = scanWhile(() -> store.drop(Set.of((long) INSTANCES)), document -> seen.add(document.id()));
    // then
    assertThat(visitsWhenWritten).isBetween(1, INSTANCES - 1);
    assertThat(seen).hasSize(INSTANCES - 1).doesNotContain(Integer.toString(INSTANCES));
  }
}
