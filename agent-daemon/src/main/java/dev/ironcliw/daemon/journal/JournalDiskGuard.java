package dev.ironcliw.daemon.journal;

import dev.ironcliw.config.HistorySettings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal off a full disk. The journal writes through memory-mapped files, and a write to
 * a mapped page the file system cannot back (disk full) faults the writing thread instead of
 * returning an error. So the free space of the journal's file system is sampled twice a second, and
 * writing stops before it runs out: below {@code history.disk.keyframesMinFree} keyframes stop
 * (they are most of the bytes), below {@code history.disk.recordsMinFree} every record does; both
 * come back once the space is above the threshold again by a margin (so a disk at the edge does not
 * flap). The frame ring lies on the same disk and may take back the pages it gave up, so those
 * count against the free space.
 */
public final class JournalDiskGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalDiskGuard.class);
  static final long SAMPLE_MILLIS = 500;

  /** What the journal may write. */
  enum State {
    /** Everything. */
    OK,
    /** Records, no keyframes. */
    LOW,
    /** Nothing. */
    FULL
  }

  private final FileStore store;
  private final Path directory;
  private final Supplier<HistorySettings> settings;
  private final LongSupplier ringBytesToTakeBack;
  private final AtomicLong keyframesSkipped = new AtomicLong();
  private final AtomicLong recordsSkipped = new AtomicLong();
  private final AtomicLong writeFaults = new AtomicLong();
  private final AtomicLong stateChanges = new AtomicLong();
  private volatile State state = State.OK;
  private volatile long freeBytes = -1;
  private ScheduledExecutorService sampler;

  /**
   * @param directory the journal's directory
   * @param settings the live {@code history} settings
   * @param ringBytesToTakeBack pages the frame ring released and may fill again
   */
  public JournalDiskGuard(
      Path directory, Supplier<HistorySettings> settings, LongSupplier ringBytesToTakeBack) {
    this.directory = directory;
    try {
      this.store = Files.getFileStore(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.settings = settings;
    this.ringBytesToTakeBack = ringBytesToTakeBack;
    sample();
  }

  /** Samples twice a second from now on, on its own thread. */
  public void start() {
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("journal-disk").unstarted(r));
    sampler.scheduleWithFixedDelay(
        this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Reads the free space and moves the state; returns it. */
  State sample() {
    long free;
    try {
      free = store.getUsableSpace();
    } catch (IOException e) {
      LOG.warn("journal disk: cannot read the free space of {}: {}", directory, e.getMessage());
      return state;
    }
    freeBytes = free;
    HistorySettings limits = settings.get();
    long taken = ringBytesToTakeBack.getAsLong();
    State next = next(state, free - taken, limits);
    if (next != state) {
      State previous = state;
      state = next;
      stateChanges.incrementAndGet();
      String message = "journal disk: {} free on {} ({}); {}";
      String what =
          switch (next) {
            case OK -> "keyframes and records are written again";
            case LOW -> "keyframes stop, records go on";
            case FULL -> "nothing more is journaled until space is back; capture goes on";
          };
      if (next.ordinal() > previous.ordinal()) {
        LOG.warn(message, mib(free), directory, store.name(), what);
      } else {
        LOG.info(message, mib(free), directory, store.name(), what);
      }
    }
    return next;
  }

  /** The state after {@code state} with {@code free} bytes usable: thresholds with a margin up. */
  static State next(State state, long free, HistorySettings limits) {
    long records = limits.recordsMinFreeBytes();
    long keyframes = Math.max(limits.keyframesMinFreeBytes(), records);
    boolean aboveRecords = free >= (state == State.FULL ? records + margin(records) : records);
    boolean aboveKeyframes =
        free >= (state == State.OK ? keyframes : keyframes + margin(keyframes));
    if (!aboveRecords) {
      return State.FULL;
    }
    return aboveKeyframes ? State.OK : State.LOW;
  }

  /** An eighth of the threshold, at least 1 MiB. */
  private static long margin(long threshold) {
    return Math.max(threshold / 8, 1L << 20);
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  /** True when a keyframe may be written; counts the ones that may not. */
  boolean allowKeyframe() {
    if (state == State.OK) {
      return true;
    }
    keyframesSkipped.incrementAndGet();
    return false;
  }

  /** True when a record may be written; counts the ones that may not. */
  boolean allowRecord() {
    if (state != State.FULL) {
      return true;
    }
    recordsSkipped.incrementAndGet();
    return false;
  }

  /** A write faulted on the mapped file all the same (another process filled the disk). */
  void writeFaulted() {
    writeFaults.incrementAndGet();
  }

  State state() {
    return state;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("state", state.name())
        .put("freeBytes", freeBytes)
        .put("keyframesSkipped", keyframesSkipped.get())
        .put("recordsSkipped", recordsSkipped.get())
        .put("writeFaults", writeFaults.get())
        .put("stateChanges", stateChanges.get());
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
  }
}
