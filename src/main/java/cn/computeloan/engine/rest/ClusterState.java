package cn.computeloan.engine.rest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded "cluster"'s change counter: each purge is a topology change whose id the purge
 * answer returns and the topology reports as completed (CPT waits for that).
 */
public class ClusterState {

  private final AtomicLong lastCompletedChangeId = new AtomicLong(-1);
  private final AtomicLong nextChangeId = new AtomicLong(1);

  public long startChange() {
    return nextChangeId.getAndIncrement();
  }

  public void completeChange(long changeId) {
    lastCompletedChangeId.accumulateAndGet(changeId, Math::max);
  }

  public long lastCompletedChangeId() {
    return lastCompletedChangeId.get();
  }
}
