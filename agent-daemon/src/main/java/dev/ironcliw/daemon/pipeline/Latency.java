package dev.ironcliw.daemon.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durations of one step the daemon times on every frame (a grab, a pipeline stage): a
 * Micrometer {@link Timer} whose median and 99th percentile, over the last {@link #WINDOW}, status
 * shows and {@code /metrics} exports; and the latest duration, for the replay benchmark. Any thread
 * records and reads (the timer is thread-safe; the latest is the last one written).
 */
public final class Latency {
  /** How far back the percentiles look (Micrometer rotates its histogram over this time). */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private static final double MEDIAN = 0.5;
  private static final double P99 = 0.99;

  private final Timer timer;
  private final AtomicLong latestNanos = new AtomicLong(-1);

  /**
   * The median and 99th percentile in microseconds; both -1 when nothing was ever recorded.
   *
   * @param median the 50th percentile
   * @param p99 the 99th percentile
   */
  public record Micros(double median, double p99) {}

  Latency(MeterRegistry registry, String name, Tags tags, String description) {
    this.timer =
        Timer.builder(name)
            .tags(tags)
            .description(description)
            .publishPercentiles(MEDIAN, P99)
            .percentilePrecision(2)
            .distributionStatisticExpiry(WINDOW)
            .distributionStatisticBufferLength(3)
            .register(registry);
  }

  void record(long nanos) {
    timer.record(nanos, TimeUnit.NANOSECONDS);
    latestNanos.lazySet(nanos);
  }

  /** How many durations were ever recorded. */
  public long count() {
    return timer.count();
  }

  /** The last duration recorded, -1 when none. */
  public long latestNanos() {
    return latestNanos.get();
  }

  /** The median and 99th percentile over the last {@link #WINDOW}. */
  public Micros micros() {
    if (timer.count() == 0) {
      return new Micros(-1, -1);
    }
    HistogramSnapshot snapshot = timer.takeSnapshot();
    double median = 0;
    double p99 = 0;
    for (ValueAtPercentile value : snapshot.percentileValues()) {
      if (value.percentile() == MEDIAN) {
        median = value.value(TimeUnit.MICROSECONDS);
      } else if (value.percentile() == P99) {
        p99 = value.value(TimeUnit.MICROSECONDS);
      }
    }
    return new Micros(median, p99);
  }
}
