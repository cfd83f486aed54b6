package dev.ironcliw.daemon.journal;

import dev.ironcliw.config.HistorySettings;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal inside {@code history.retention.*}: deletes whole days from the oldest while
 * they ended longer than {@code maxAge} ago or while the journal's files are over {@code maxBytes}.
 * Runs at start and then every {@code checkEvery}, on a thread of its own.
 *
 * <p>What a pass deletes is journaled first, as a retention event with the limits that made it and
 * where they came from: a limit set over the API cannot shorten the history without the history
 * saying so. When that record cannot be written, nothing is deleted.
 */
public final class JournalRetention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);

  private final Journal journal;
  private final Supplier<HistorySettings> settings;
  private final Supplier<String> limitsInForce;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "journal-retention");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong cyclesDeleted = new AtomicLong();
  private final AtomicLong bytesDeleted = new AtomicLong();
  private final AtomicLong diskBytes = new AtomicLong();
  private volatile long oldestCycleStartMillis = -1;

  /** For tests: the limits are described by their values alone. */
  JournalRetention(Journal journal, Supplier<HistorySettings> settings) {
    this(
        journal,
        settings,
        () -> "maxAge " + settings.get().maxAge() + ", maxBytes " + settings.get().maxBytes());
  }

  /**
   * @param config the running configuration: the limits, and where each came from
   */
  public static JournalRetention of(Journal journal, Supplier<IroncliwConfig> config) {
    return new JournalRetention(
        journal, () -> config.get().history(), () -> limitsInForce(config.get()));
  }

  private JournalRetention(
      Journal journal, Supplier<HistorySettings> settings, Supplier<String> limitsInForce) {
    this.journal = journal;
    this.settings = settings;
    this.limitsInForce = limitsInForce;
  }

  /** Such as {@code maxAge 30d (default), maxBytes 1MiB (api)}. */
  static String limitsInForce(IroncliwConfig config) {
    return limit("maxAge", ConfigSchema.HISTORY_RETENTION_MAX_AGE, config)
        + ", "
        + limit("maxBytes", ConfigSchema.HISTORY_RETENTION_MAX_BYTES, config);
  }

  private static String limit(String name, Setting<?> key, IroncliwConfig config) {
    return name
        + " "
        + config.rawValues().get(key.path())
        + " ("
        + config.sources().get(key.path()).label()
        + ")";
  }

  /**
   * The first cycle to keep in {@code cycles} (oldest first): the ones before it ended before
   * {@code nowMillis - maxAge}, or must go for the rest to fit {@code maxBytes}. Integer.MAX_VALUE
   * when none would be kept (the journal keeps its newest day regardless).
   */
  static int firstKept(List<JournalCycle> cycles, long nowMillis, HistorySettings limits) {
    long total = cycles.stream().mapToLong(JournalCycle::bytes).sum();
    long ageLimitMillis = nowMillis - limits.maxAge().toMillis();
    for (JournalCycle cycle : cycles) {
      if (cycle.endMillis() > ageLimitMillis && total <= limits.maxBytes()) {
        return cycle.cycle();
      }
      total -= cycle.bytes();
    }
    return Integer.MAX_VALUE;
  }

  /** Runs once now, then every {@code checkEvery}. */
  public void start() {
    schedule(0);
  }

  /**
   * After a live edit of {@code history.retention.*}: one extra pass now, with the new limits (a
   * new {@code checkEvery} applies from the next scheduled pass).
   */
  public void update() {
    try {
      thread.execute(this::runLogged);
    } catch (RejectedExecutionException stopping) {
      // closed
    }
  }

  private void schedule(long delayMillis) {
    try {
      thread.schedule(this::runAndReschedule, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // closed
    }
  }

  private void runAndReschedule() {
    runLogged();
    schedule(settings.get().checkEvery().toMillis());
  }

  private void runLogged() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.error("journal retention: a pass failed", e);
    }
  }

  /** One pass on the calling thread: deletes what the limits say; returns what it deleted. */
  List<JournalCycle> run() {
    HistorySettings limits = settings.get();
    List<JournalCycle> cycles = journal.cycles();
    int firstKept = firstKept(cycles, journal.nowMillis(), limits);
    List<JournalCycle> doomed = journal.cyclesBefore(firstKept);
    List<JournalCycle> deleted = doomed.isEmpty() ? List.of() : delete(doomed, firstKept);
    for (JournalCycle cycle : deleted) {
      cyclesDeleted.incrementAndGet();
      bytesDeleted.addAndGet(cycle.bytes());
      LOG.info(
          "journal retention: deleted {} ({} bytes, the day starting {}; limits: {} old, {} bytes)",
          cycle.file().getFileName(),
          cycle.bytes(),
          java.time.Instant.ofEpochMilli(cycle.startMillis()),
          limits.maxAge(),
          limits.maxBytes());
    }
    List<JournalCycle> left = deleted.isEmpty() ? cycles : journal.cycles();
    diskBytes.set(left.stream().mapToLong(JournalCycle::bytes).sum());
    oldestCycleStartMillis = left.isEmpty() ? -1 : left.getFirst().startMillis();
    return deleted;
  }

  /** Journals that {@code doomed} go, then deletes them; what was deleted. */
  private List<JournalCycle> delete(List<JournalCycle> doomed, int firstKept) {
    journal.append(
        new RetentionEventRecord(
            journal.nowMillis() * 1_000_000L,
            doomed.size(),
            doomed.stream().mapToLong(JournalCycle::bytes).sum(),
            String.join(", ", doomed.stream().map(c -> c.file().getFileName().toString()).toList()),
            limitsInForce.get(),
            doomed.getLast().endMillis() * 1_000_000L));
    return journal.deleteCyclesBefore(firstKept);
  }

  public long cyclesDeleted() {
    return cyclesDeleted.get();
  }

  public long bytesDeleted() {
    return bytesDeleted.get();
  }

  /** The journal's files' size at the last pass. */
  public long diskBytes() {
    return diskBytes.get();
  }

  /** When the oldest day kept began (epoch ms) at the last pass; -1 before any record. */
  public long oldestCycleStartMillis() {
    return oldestCycleStartMillis;
  }

  @Override
  public void close() {
    try {
      thread.submit(journal::closeRetentionAppender).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.warn("journal retention: its appender did not close: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
