package cn.computeloan.engine.benchmark;

import java.util.Arrays;

/** Durations in nanoseconds, for percentiles. */
final class Samples {

  private long[] values = new long[1 << 16];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized void clear() {
    size = 0;
  }

  synchronized int count() {
    return size;
  }

  /** The p-th percentile in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
    return sorted[Math.max(0, index)] / 1_000_000.0;
  }
}
