package dev.ironcliw.daemon.pressure;

import dev.ironcliw.config.MemorySettings;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.governor.BudgetRegistry;
import dev.ironcliw.governor.pressure.BudgetPressure;
import dev.ironcliw.governor.pressure.CgroupMemoryPressure;
import dev.ironcliw.governor.pressure.HeapPressure;
import dev.ironcliw.governor.pressure.LinuxMemoryPressure;
import dev.ironcliw.governor.pressure.MacMemoryPressure;
import dev.ironcliw.governor.pressure.NativeSysctl;
import dev.ironcliw.governor.pressure.PressureGovernor;
import dev.ironcliw.governor.pressure.PressureLevel;
import dev.ironcliw.governor.pressure.PressureReading;
import dev.ironcliw.governor.pressure.PressureSource;
import dev.ironcliw.governor.pressure.PressureThresholds;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pressure sources every {@code memory.pressure.interval} and after every garbage
 * collection, on a thread of its own ("memory-pressure"); each change of level is logged, journaled
 * and turned into {@link PressureActions}.
 */
public final class MemoryPressureMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryPressureMonitor.class);

  /**
   * Where the Linux source reads {@code meminfo} and {@code pressure/memory}: {@code /proc}, or the
   * directory this system property names (for tests that drive the level with files).
   */
  public static final String PROC_ROOT_PROPERTY = "ironcliw.pressure.procRoot";

  private final PressureGovernor governor;
  private final AtomicReference<PressureThresholds> thresholds;
  private ScheduledFuture<?> schedule;
  private final PressureActions actions;
  private final Duration firstInterval;
  private final Journal journal;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("memory-pressure").unstarted(runnable));
  private final AtomicBoolean evaluationQueued = new AtomicBoolean();
  private final AtomicLong changes = new AtomicLong();
  private final List<NotificationEmitter> collectors = new ArrayList<>();
  private final NotificationListener afterCollection = (notification, handback) -> evaluateSoon();

  public MemoryPressureMonitor(
      MemorySettings settings,
      BudgetRegistry budgets,
      Set<String> watchedBudgets,
      PressureActions actions,
      Journal journal) {
    this.thresholds = new AtomicReference<>(thresholdsOf(settings));
    this.governor =
        new PressureGovernor(
            sources(budgets, watchedBudgets, thresholds::get, settings.heapBytes()),
            settings.pressureDwell(),
            System::nanoTime);
    this.actions = actions;
    this.journal = journal;
    this.firstInterval = settings.pressureInterval();
    governor.onChange(this::changed);
  }

  /**
   * Starts reading: now and every {@code memory.pressure.interval}, and after each garbage
   * collection. Separate from construction so a start-up that fails before it leaves nothing
   * running.
   */
  public void start() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(afterCollection, null, null);
        collectors.add(emitter);
      }
    }
    schedule(firstInterval);
  }

  private static PressureThresholds thresholdsOf(MemorySettings settings) {
    return new PressureThresholds(
        settings.pressureMedium(), settings.pressureHigh(), settings.pressureCritical());
  }

  private synchronized void schedule(Duration interval) {
    if (schedule != null) {
      schedule.cancel(false);
    }
    try {
      schedule =
          thread.scheduleWithFixedDelay(
              this::evaluate, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      schedule = null;
    }
  }

  /**
   * Live {@code memory.pressure.*} keys: new thresholds, dwell and interval apply from the next
   * reading, which happens at once.
   */
  public void update(MemorySettings settings) {
    thresholds.set(thresholdsOf(settings));
    governor.setDwell(settings.pressureDwell());
    schedule(settings.pressureInterval());
  }

  private static List<PressureSource> sources(
      BudgetRegistry budgets,
      Set<String> watched,
      Supplier<PressureThresholds> thresholds,
      long heapBudgetBytes) {
    List<PressureSource> sources = new ArrayList<>();
    sources.add(new BudgetPressure(budgets, watched, thresholds));
    sources.add(new HeapPressure(thresholds, heapBudgetBytes));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      Path proc = Path.of(System.getProperty(PROC_ROOT_PROPERTY, "/proc"));
      sources.add(new LinuxMemoryPressure(proc));
      CgroupMemoryPressure.directoryOf(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"))
          .ifPresent(dir -> sources.add(new CgroupMemoryPressure(dir, thresholds)));
    } else if (os.contains("mac")) {
      // libc is in the dyld shared cache on macOS 11 and later, not a file to test for.
      sources.add(new MacMemoryPressure(new NativeSysctl()));
    }
    return sources;
  }

  /** From a collector's notification thread: evaluates on the monitor thread, once. */
  private void evaluateSoon() {
    if (evaluationQueued.compareAndSet(false, true)) {
      try {
        thread.execute(this::evaluate);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        evaluationQueued.set(false);
      }
    }
  }

  private void evaluate() {
    evaluationQueued.set(false);
    try {
      governor.evaluate();
    } catch (RuntimeException e) {
      LOG.error("memory pressure: evaluation failed", e);
    }
  }

  /** On the monitor thread: applies and records a change of level. */
  private void changed(PressureGovernor.LevelChange change) {
    List<String> now = actions.apply(change.to());
    changes.incrementAndGet();
    String readings = describe(change.readings());
    String what = now.isEmpty() ? "none" : String.join(", ", now);
    LOG.info(
        "memory pressure: {} -> {} ({}); actions: {}", change.from(), change.to(), readings, what);
    try {
      journal.append(
          new PressureEventRecord(
              System.currentTimeMillis() * 1_000_000L,
              change.from().name(),
              change.to().name(),
              readings,
              what));
    } catch (RuntimeException e) {
      LOG.error("journal: cannot append a pressure event", e);
    }
  }

  private static String describe(List<PressureReading> readings) {
    return readings.stream()
        .map(r -> r.source() + " " + r.level() + " (" + r.detail() + ")")
        .collect(Collectors.joining("; "));
  }

  /** The level whose actions are in force (the governor's, once its change has been applied). */
  public PressureLevel level() {
    return actions.level();
  }

  public List<PressureReading> readings() {
    return governor.lastReadings();
  }

  public List<String> actions() {
    return actions.active();
  }

  public List<String> actionNames() {
    return actions.activeNames();
  }

  public long changes() {
    return changes.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : collectors) {
      try {
        emitter.removeNotificationListener(afterCollection);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
    thread.execute(journal::closePressureAppender);
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
