package dev.ironcliw.daemon;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.config.ConfigWatcher;
import dev.ironcliw.dedup.BloomHistory;
import dev.ironcliw.dedup.DedupSnapshot;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.governor.BudgetRegistry;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.vision.Batcher;
import dev.ironcliw.vision.VisionStatus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds the {@code status} and {@code health} replies from the running pieces. Thread-safe. */
final class StatusReporter {
  static final long FPS_WINDOW_NANOS = 10_000_000_000L;

  private final long startNanos = System.nanoTime();
  private final PipelineStats stats;
  private final CaptureSource source;
  private final CaptureAgent capture;
  private final VerdictPolicy verdicts;
  private final FrameRing ring;
  private final Journal journal;
  private final Batcher batcher;
  private final InsightHub insights;
  private final EventStream stream;
  private final Supplier<String> diffBackend;
  private final BudgetRegistry budgets;
  private final MemoryPressureMonitor pressure;
  private final JournalRetention retention;
  private final UserPause userPause;
  private final KeyframeWriter keyframes;
  private final RingSizing ringSizing;
  private final StartupRecovery recovery;
  private final Supplier<ConfigWatcher> config;

  StatusReporter(
      PipelineStats stats,
      CaptureSource source,
      CaptureAgent capture,
      VerdictPolicy verdicts,
      FrameRing ring,
      Journal journal,
      Batcher batcher,
      InsightHub insights,
      EventStream stream,
      Supplier<String> diffBackend,
      BudgetRegistry budgets,
      MemoryPressureMonitor pressure,
      RingSizing ringSizing,
      JournalRetention retention,
      UserPause userPause,
      KeyframeWriter keyframes,
      StartupRecovery recovery,
      Supplier<ConfigWatcher> config) {
    this.recovery = recovery;
    this.stats = stats;
    this.source = source;
    this.capture = capture;
    this.verdicts = verdicts;
    this.ring = ring;
    this.journal = journal;
    this.batcher = batcher;
    this.insights = insights;
    this.stream = stream;
    this.diffBackend = diffBackend;
    this.budgets = budgets;
    this.pressure = pressure;
    this.ringSizing = ringSizing;
    this.retention = retention;
    this.userPause = userPause;
    this.keyframes = keyframes;
    this.config = config;
  }

  /**
   * running, paused (screen saver or lock), stalled (a live source but no frame for api.stallAfter)
   * or source-finished.
   */
  private String state(long now) {
    if (capture.sourceFinished()) {
      return "source-finished";
    }
    if (!capture.pauseReason().isEmpty()) {
      return "paused";
    }
    Duration stallAfter = config.get().current().api().stallAfter();
    return now - stats.lastProcessedNanos() > stallAfter.toNanos() ? "stalled" : "running";
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** The bloom generations, volatile regions and remembered keys (published each second). */
  private JsonObject dedup() {
    DedupSnapshot snapshot = verdicts.snapshot();
    io.vertx.core.json.JsonArray generations = new io.vertx.core.json.JsonArray();
    for (BloomHistory.Generation g : snapshot.bloomGenerations()) {
      generations.add(
          new JsonObject()
              .put("approximateEntries", g.approximateEntries())
              .put("expectedFalsePositiveRate", g.expectedFalsePositiveRate()));
    }
    io.vertx.core.json.JsonArray regions = new io.vertx.core.json.JsonArray();
    for (DedupSnapshot.VolatileRegion r : snapshot.volatileRegions()) {
      regions.add(
          new JsonObject()
              .put("display", r.display())
              .put("x", r.bounds().x())
              .put("y", r.bounds().y())
              .put("width", r.bounds().width())
              .put("height", r.bounds().height()));
    }
    return new JsonObject()
        .put("rememberedFrames", snapshot.rememberedFrames())
        .put("rememberedTiles", snapshot.rememberedTiles())
        .put("bloomGenerations", generations)
        .put("bloomFalsePositivesCaught", verdicts.bloomFalsePositives())
        .put("volatileRegions", regions);
  }

  /** The provider, its queue, limits and breaker, and what became of its replies. */
  private JsonObject vision() {
    VisionStatus v = batcher.provider().status();
    return new JsonObject()
        .put("provider", v.provider())
        .put("model", v.model())
        .put("description", v.description())
        .put("batchesSubmitted", v.batchesSubmitted())
        .put(
            "queue",
            new JsonObject().put("batches", v.queuedBatches()).put("bytes", v.queuedBytes()))
        .put("inFlight", v.inFlight())
        .put("batchesSent", v.batchesSent())
        .put("attempts", v.attempts())
        .put("retries", v.retries())
        .put("insights", v.insights())
        .put("invalidReplies", v.invalidReplies())
        .put("failures", new JsonObject(new java.util.TreeMap<String, Object>(v.failures())))
        .put("dropped", new JsonObject(new java.util.TreeMap<String, Object>(v.dropped())))
        .put(
            "breaker",
            new JsonObject().put("state", v.breakerState()).put("timesOpened", v.breakerOpened()))
        .put(
            "budget",
            new JsonObject()
                .put("tokensToday", v.tokensToday())
                .put("dailyTokenLimit", v.dailyTokenLimit())
                .put("imagesLastHour", v.imagesLastHour())
                .put("bytesLastHour", v.bytesLastHour()))
        .put(
            "notices",
            new JsonObject()
                .put("sent", insights.noticesSent())
                .put("suppressed", insights.noticesSuppressed())
                .put("desktopNotifications", insights.desktopNotifications()))
        .put("insightJournalErrors", insights.journalErrors())
        .put(
            "stream",
            new JsonObject()
                .put("clients", stream.clients())
                .put("eventsPublished", stream.published())
                .put("recordsReplayed", stream.replayed())
                .put("clientsCutOff", stream.cutOff()));
  }

  /** The pressure level, what each source read, and what the daemon does about it. */
  private JsonObject pressure() {
    io.vertx.core.json.JsonArray readings = new io.vertx.core.json.JsonArray();
    for (var r : pressure.readings()) {
      readings.add(
          new JsonObject()
              .put("source", r.source())
              .put("level", r.level().name())
              .put("detail", r.detail()));
    }
    return new JsonObject()
        .put("level", pressure.level().name())
        .put("readings", readings)
        .put("actions", new io.vertx.core.json.JsonArray(pressure.actions()))
        .put("levelChanges", pressure.changes());
  }

  JsonObject health() {
    long now = System.nanoTime();
    String state = state(now);
    return new JsonObject()
        .put("healthy", !state.equals("stalled"))
        .put("state", state)
        .put("lastFrameAgeMs", (now - stats.lastProcessedNanos()) / 1_000_000);
  }

  JsonObject status() {
    // Read first: a level in force means its actions were applied before anything below is read.
    JsonObject pressure = pressure();
    long now = System.nanoTime();
    JsonObject byVerdict = new JsonObject();
    for (Verdict v : Verdict.values()) {
      byVerdict.put(v.name(), stats.count(v));
    }
    JsonObject used = new JsonObject();
    budgets.usedBytes().forEach(used::put);
    JsonObject limits = new JsonObject();
    budgets.budgetBytes().forEach(limits::put);
    String state = state(now);
    return new JsonObject()
        .put("state", state)
        .put("healthy", !state.equals("stalled"))
        .put("uptimeSeconds", (now - startNanos) / 1_000_000_000L)
        .put(
            "config",
            new JsonObject()
                .put("file", config.get().file().toString())
                .put("problem", config.get().problem()))
        .put(
            "capture",
            new JsonObject()
                .put("source", source.name())
                .put("displays", new io.vertx.core.json.JsonArray(source.displays()))
                .put("grabMethod", source.grabMethod())
                .put(
                    "connection",
                    new JsonObject()
                        .put("state", source.connectionState())
                        .put("reconnects", source.reconnects()))
                .put("paused", !capture.pauseReason().isEmpty())
                .put("pauseReason", capture.pauseReason())
                .put("userPause", userPause.state())
                .put("skippedGrabs", stats.skippedGrabs())
                .put("grabMicrosMedian", round(stats.grabDurations().quantileMicros(0.5)))
                .put("grabMicrosP99", round(stats.grabDurations().quantileMicros(0.99)))
                .put("live", source.isLive())
                .put("finished", capture.sourceFinished())
                .put("fpsTarget", capture.framesPerSecond())
                .put("fpsConfigured", config.get().current().capture().framesPerSecond())
                .put(
                    "fpsActual10s",
                    Math.round(stats.captureFps(now, FPS_WINDOW_NANOS) * 100) / 100.0)
                .put("framesCaptured", stats.capturedFrames())
                .put("droppedTicks", stats.droppedTicks())
                .put("missedTicks", capture.missedTicks())
                .put("skippedFrames", source.skippedFrames()))
        .put(
            "frames",
            new JsonObject()
                .put("processed", stats.totalFrames())
                .put("byVerdict", byVerdict)
                .put("forwarded", stats.forwarded())
                .put("lastSeq", stats.lastSeq())
                .put("analysisErrors", stats.analysisErrors())
                .put("stageMicros", stageMicros())
                .put("lastFrameAgeMs", (now - stats.lastProcessedNanos()) / 1_000_000))
        .put(
            "ring",
            new JsonObject()
                .put("file", ring.file().toString())
                .put("slots", ring.geometry().slotCount())
                .put("activeSlots", ring.activeSlots())
                .put("targetSlots", ringSizing.targetSlots())
                .put("activeBytes", ring.activeBytes())
                .put("releasedBytes", ring.releasedBytes())
                .put("occupiedSlots", ring.occupiedSlots())
                .put("slotBytes", ring.geometry().slotBytes())
                .put("recoveredFrames", ring.recoveryReport().validSlots()))
        .put("recovery", recovery.toJson())
        .put("dedup", dedup())
        .put("diff", new JsonObject().put("backend", diffBackend.get()))
        .put("vision", vision())
        .put(
            "journal",
            new JsonObject()
                .put("records", journal.records())
                .put("lastSeq", journal.lastSeq())
                .put("disk", journal.diskGuard() == null ? null : journal.diskGuard().toJson())
                .put("diskBytes", retention.diskBytes())
                .put(
                    "oldestDay",
                    retention.oldestCycleStartMillis() < 0
                        ? null
                        : java.time.Instant.ofEpochMilli(retention.oldestCycleStartMillis())
                            .toString())
                .put(
                    "keyframes",
                    new JsonObject()
                        .put("kept", journal.keyframes())
                        .put("written", keyframes.written())
                        .put("bytesWritten", keyframes.bytesWritten())
                        .put("missed", keyframes.missed())
                        .put("dropped", keyframes.dropped()))
                .put("daysDeleted", retention.cyclesDeleted())
                .put("bytesDeleted", retention.bytesDeleted())
                .put("appendErrors", stats.journalErrors()))
        .put(
            "memory",
            new JsonObject()
                .put("totalBytes", config.get().current().memory().totalBytes())
                .put("offHeapTotalBytes", budgets.totalBytes())
                .put("heapBudgetBytes", config.get().current().memory().heapBytes())
                .put("heapUsedBytes", heapUsedBytes())
                .put("process", ProcessMemory.read())
                .put("budgetBytes", limits)
                .put("usedBytes", used)
                .put("pressure", pressure));
  }

  /** Median and p99 of each pipeline stage over its last 1024 frames, in microseconds. */
  private JsonObject stageMicros() {
    JsonObject stages = new JsonObject();
    for (PipelineStage stage : PipelineStage.values()) {
      DurationWindow window = stats.stageDurations(stage);
      stages.put(
          stage.tag(),
          new JsonObject()
              .put("median", round(window.quantileMicros(0.5)))
              .put("p99", round(window.quantileMicros(0.99))));
    }
    return stages;
  }

  private static long heapUsedBytes() {
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
