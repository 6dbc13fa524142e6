package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import cn.computeloan.application.ApiClient.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A retry with the same Idempotency-Key while the first submission is still being stored and started
 * gets 409 ("in progress, retry"), never the pending application as if it were the result: the first
 * start may still fail, and then nothing is stored.
 */
class IdempotentSubmissionInProgressTest extends ApplicationIntegrationTest {

  @Test
  void shouldAnswerConflictToARetryWhileTheFirstStartIsRunningAndStoreNothingWhenItFails() throws Exception {
    // given: the first submission's process start waits, then fails
    HeldStart start = holdProcessStart(false);
    String key = "in-progress-" + UUID.randomUUID();
    long before = countApplications();
    CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> submit(aigc(), "Idempotency-Key", key));
    start.awaitStarted();
    // when
    Response retry = submit(aigc(), "Idempotency-Key", key);
    start.release();
    Response firstAnswer = first.get(30, TimeUnit.SECONDS);
    // then
    assertThat(retry.status()).as(retry.body()).isEqualTo(409);
    assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
    assertThat(retry.header("Retry-After")).isEqualTo("1");
    assertThat(retry.json().path("detail").asText()).contains("in progress");
    assertThat(firstAnswer.status()).isEqualTo(503);
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldAnswerTheFirstResultToARetryOnceTheFirstSubmissionIsComplete() throws Exception {
    // given: the first submission's process start waits, then succeeds
    HeldStart start = holdProcessStart(true);
    String key = "completed-" + UUID.randomUUID();
    long before = countApplications();
    CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> submit(aigc(), "Idempotency-Key", key));
    start.awaitStarted();
    Response during = submit(aigc(), "Idempotency-Key", key);
    start.release();
    Response firstAnswer = first.get(30, TimeUnit.SECONDS);
    // when
    Response after = submit(aigc(), "Idempotency-Key", key);
    // then
    assertThat(during.status()).isEqualTo(409);
    assertThat(firstAnswer.status()).as(firstAnswer.body()).isEqualTo(201);
    assertThat(after.status()).isEqualTo(201);
    assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(after.json()).isEqualTo(firstAnswer.json());
    assertThat(countApplications()).isEqualTo(before + 1);
  }

  @Test
  void shouldStillRefuseAReusedKeyForADifferentApplicationWhileTheFirstIsInProgress() throws Exception {
    // given
    HeldStart start = holdProcessStart(true);
    String key = "other-" + UUID.randomUUID();
    CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> submit(aigc(), "Idempotency-Key", key));
    start.awaitStarted();
    // when
    Response other = submit(sample(cn.computeloan.credit.TestData.AIGC, n -> n.put("termMonths", 6)),
        "Idempotency-Key", key);
    start.release();
    // then
    assertThat(other.status()).isEqualTo(422);
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
  }

  /** The first submission's process start, held until released; then it starts or fails. */
  private record HeldStart(CountDownLatch started, CountDownLatch released) {
    void awaitStarted() throws InterruptedException {
      assertThat(started.await(30, TimeUnit.SECONDS)).as("the process start was reached").isTrue();
    }

    void release() {
      released.countDown();
    }
  }

  private HeldStart holdProcessStart(boolean thenStart) {
    HeldStart held = new HeldStart(new CountDownLatch(1), new CountDownLatch(1));
    doAnswer(inv -> {
      held.started().countDown();
      held.released().await(30, TimeUnit.SECONDS);
      if (!thenStart) {
        throw new IllegalStateException("engine down");
      }
      return inv.callRealMethod();
    }).when(starter).start(any());
    return held;
  }
}
