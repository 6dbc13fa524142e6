package cn.computeloan.application.api;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.evaluation.CreditPolicy;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The policy parameters that intake validation uses (balance tolerances) and records (policy
 * version). Evaluating the PolicyParameters decision costs far more than the rest of a submission,
 * so the value is reused for a short time: a changed table applies to submissions at most {@code
 * ttl} later. The credit decisions themselves (review, score, ...) are always taken on the current
 * tables by the workers.
 */
@Component
public class PolicyParametersSnapshot {

  private record Snapshot(PolicyParameters parameters, long loadedAtNanos) {}

  private final CreditPolicy policy;
  private final long ttlNanos;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Snapshot current;

  public PolicyParametersSnapshot(CreditPolicy policy,
      @Value("${compute-loan.application.policy-parameters-ttl:PT10S}") Duration ttl) {
    this.policy = policy;
    this.ttlNanos = ttl.toNanos();
  }

  /**
   * Parameters at most {@code ttl} old (plus one evaluation). One caller refreshes; the others keep
   * using the previous value meanwhile instead of all evaluating at once.
   */
  public PolicyParameters get() {
    Snapshot s = current;
    if (s == null) {
      synchronized (this) {
        if (current == null) {
          current = new Snapshot(policy.parameters(), System.nanoTime());
        }
        return current.parameters();
      }
    }
    if (System.nanoTime() - s.loadedAtNanos() > ttlNanos && refreshing.tryLock()) {
      try {
        current = new Snapshot(policy.parameters(), System.nanoTime());
      } finally {
        refreshing.unlock();
      }
    }
    return current.parameters();
  }
}
