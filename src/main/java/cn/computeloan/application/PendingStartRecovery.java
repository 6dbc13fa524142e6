package cn.computeloan.application;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Periodically completes submissions whose process start was interrupted (see {@link
 * SubmissionService#completePendingStarts}); an application older than {@code grace} without a
 * process instance is one whose submitting request is over.
 */
@Component
public class PendingStartRecovery implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(PendingStartRecovery.class);

  private final SubmissionService submissions;
  private final Duration interval;
  private final Duration grace;
  private ScheduledExecutorService executor;

  public PendingStartRecovery(SubmissionService submissions,
      @Value("${compute-loan.application.pending-start.interval:PT30S}") Duration interval,
      @Value("${compute-loan.application.pending-start.grace:PT60S}") Duration grace) {
    this.submissions = submissions;
    this.interval = interval;
    this.grace = grace;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pending-start-recovery");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    try {
      int done = submissions.completePendingStarts(Clock.systemUTC().instant().minus(grace));
      if (done > 0) {
        LOG.info("Completed {} interrupted submission(s)", done);
      }
    } catch (RuntimeException e) {
      LOG.warn("Pending-start recovery failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
