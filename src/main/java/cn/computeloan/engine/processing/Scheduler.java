package cn.computeloan.engine.processing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's background thread: fires timers, times out jobs and expires messages when they fall
 * due by the engine clock. It sleeps until the next due time (at most a second, since the clock may
 * be moved) and is woken early when a command changes what is due.
 */
final class Scheduler implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long MAX_SLEEP_MILLIS = 1000;

  private final CommandPipeline pipeline;
  private final Object monitor = new Object();
  private volatile boolean running;
  private boolean woken;
  private Thread thread;

  Scheduler(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  void start() {
    running = true;
    thread = new Thread(this, "engine-scheduler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    running = false;
    wake();
  }

  void wake() {
    synchronized (monitor) {
      woken = true;
      monitor.notifyAll();
    }
  }

  @Override
  public void run() {
    while (running) {
      long next;
      try {
        next = pipeline.processDue();
      } catch (RuntimeException e) {
        LOG.error("Engine scheduler failed to process due work", e);
        next = Long.MAX_VALUE;
      }
      long sleep = Math.max(1, Math.min(MAX_SLEEP_MILLIS, next - pipeline.clock().millis()));
      synchronized (monitor) {
        if (!woken) {
          try {
            monitor.wait(sleep);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        woken = false;
      }
    }
  }
}
