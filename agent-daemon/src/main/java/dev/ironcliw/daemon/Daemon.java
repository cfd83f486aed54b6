package dev.ironcliw.daemon;

import static dev.ironcliw.config.schema.ConfigSchema.CAPTURE_FPS;
import static dev.ironcliw.config.schema.ConfigSchema.CAPTURE_RING_HISTORY;
import static dev.ironcliw.config.schema.ConfigSchema.DIFF_TILE_THRESHOLD;
import static dev.ironcliw.config.schema.ConfigSchema.MEMORY_BUDGETS_FRAME_RING;
import static dev.ironcliw.config.schema.ConfigSchema.VISION_BATCH_MAX_WAIT;
import static dev.ironcliw.config.schema.ConfigSchema.VISION_BATCH_SIZE;

import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.config.ConfigChange;
import dev.ironcliw.config.ConfigProblem;
import dev.ironcliw.config.ConfigSource;
import dev.ironcliw.config.ConfigWatcher;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.MemorySettings;
import dev.ironcliw.config.MemoryShares;
import dev.ironcliw.config.schema.Units;
import dev.ironcliw.daemon.api.ApiServer;
import dev.ironcliw.daemon.api.ApiToken;
import dev.ironcliw.daemon.api.BrowserSessions;
import dev.ironcliw.daemon.api.ConfigRoutes;
import dev.ironcliw.daemon.api.EventStream;
import dev.ironcliw.daemon.api.ForgetRoutes;
import dev.ironcliw.daemon.api.KeyRoutes;
import dev.ironcliw.daemon.api.PrivacyRoutes;
import dev.ironcliw.daemon.api.SearchRoutes;
import dev.ironcliw.daemon.api.SignInRoutes;
import dev.ironcliw.daemon.api.TimelineRoutes;
import dev.ironcliw.daemon.insight.DesktopNotifier;
import dev.ironcliw.daemon.insight.InsightHub;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.JournalDiskGuard;
import dev.ironcliw.daemon.journal.JournalRetention;
import dev.ironcliw.daemon.journal.KeyframeWriter;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.JournalRecord;
import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.RingLocation;
import dev.ironcliw.daemon.lifecycle.StartupException;
import dev.ironcliw.daemon.lifecycle.StartupRecovery;
import dev.ironcliw.daemon.mcp.HttpMcpEndpoint;
import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.CaptureClock;
import dev.ironcliw.daemon.pipeline.FrameEvents;
import dev.ironcliw.daemon.pipeline.PipelineAgent;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.daemon.pipeline.UserPause;
import dev.ironcliw.daemon.pressure.MemoryPressureMonitor;
import dev.ironcliw.daemon.pressure.PressureActions;
import dev.ironcliw.daemon.search.TextIndex;
import dev.ironcliw.daemon.search.TextIndexer;
import dev.ironcliw.daemon.status.CapturePart;
import dev.ironcliw.daemon.status.DedupPart;
import dev.ironcliw.daemon.status.FramesPart;
import dev.ironcliw.daemon.status.JournalPart;
import dev.ironcliw.daemon.status.JvmMetrics;
import dev.ironcliw.daemon.status.Liveness;
import dev.ironcliw.daemon.status.MemoryMetrics;
import dev.ironcliw.daemon.status.MemoryPart;
import dev.ironcliw.daemon.status.PipelineMetrics;
import dev.ironcliw.daemon.status.RingPart;
import dev.ironcliw.daemon.status.StatusPart;
import dev.ironcliw.daemon.status.StatusReporter;
import dev.ironcliw.daemon.status.VisionPart;
import dev.ironcliw.daemon.text.BatchScreenText;
import dev.ironcliw.daemon.text.ReadProgress;
import dev.ironcliw.daemon.text.TextEngines;
import dev.ironcliw.daemon.text.TextReader;
import dev.ironcliw.daemon.vault.HistoryVault;
import dev.ironcliw.daemon.web.PageRoutes;
import dev.ironcliw.dedup.BloomKind;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.dedup.VolatilityParameters;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.governor.BudgetRegistry;
import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingFileDescriptor;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.ring.RingInUseException;
import dev.ironcliw.vision.Batcher;
import dev.ironcliw.vision.NoVisionProvider;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.VisionProviders;
import dev.ironcliw.vision.image.ChangeImages;
import dev.ironcliw.vision.image.ImageEncoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: data dir, frame ring, journal, capture and pipeline agents, and the API,
 * started in that order and stopped in reverse. {@link #stop()} drains the pipeline, flushes the
 * journal and unmaps the ring; it is idempotent and thread-safe.
 */
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  public static final int EVENT_QUEUE_BYTES = 1 << 20;
  private static final String JOURNAL_BUDGET = "journalCaches";
  private static final String TEXT_INDEX_BUDGET = "textIndex";

  private final Deque<AutoCloseable> openedInOrder = new ArrayDeque<>();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PipelineStats stats = new PipelineStats(metrics);
  private final AgentErrors agentErrors = new AgentErrors();
  private ApiServer api;
  private boolean stopped;

  private Daemon() {}

  /**
   * Starts everything; on failure closes what was opened and throws.
   *
   * @throws StartupException with the one line to show the user
   */
  static Daemon start(ConfigWatcher watcher) {
    Daemon daemon = new Daemon();
    try {
      daemon.startAll(watcher);
      return daemon;
    } catch (RuntimeException e) {
      daemon.stop();
      throw e;
    }
  }

  private void startAll(ConfigWatcher watcher) {
    IroncliwConfig config = watcher.current();
    // Refused before anything is created or allocated: a bad address, a port in use.
    ApiServer.checkAddressAndPort(config.api(), config.api().port());
    DataDirectory dataDir = opened(DataDirectory.openAndLock(config.dataDir()));
    ApiToken token = ApiToken.loadOrCreate(dataDir.tokenFile());
    // The key first: a history whose key cannot be had is not touched.
    HistoryVault.Opened vault =
        HistoryVault.open(config.encryption(), dataDir.path(), System.getenv());
    if (vault.keys() != null) {
      opened(vault.keys());
    }
    LOG.info(vault.message());

    SourceSelector.Choice choice = SourceSelector.select(config.capture(), config.privacy());
    CaptureSource source = choice.source();
    LOG.info(choice.message());

    Map<String, Long> componentBudgets =
        new java.util.HashMap<>(LiveMemory.liveBudgets(config.memory()));
    componentBudgets.put(GpuBufferBudget.COMPONENT, config.memory().gpuBuffersBytes());
    componentBudgets.put(JOURNAL_BUDGET, config.memory().journalCachesBytes());
    componentBudgets.put(TEXT_INDEX_BUDGET, config.memory().textIndexBytes());
    BudgetRegistry budgets = new BudgetRegistry(offHeapTotal(config.memory()), componentBudgets);
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap > config.memory().heapBytes() + (config.memory().heapBytes() >> 4)) {
      LOG.warn(
          "the JVM may grow its heap to {} MiB, more than memory.budgets.heap ({} MiB); start it"
              + " with ./ironcliw run, which sets -Xmx from the budget",
          maxHeap >> 20,
          config.memory().heapBytes() >> 20);
    }
    // The bloom filters and the exact keys confirming their hits are on the heap; the whole budget
    // is reserved for them.
    OffHeapBudget.Reservation dedupBudget =
        opened(budgets.reserve(LiveMemory.DEDUP_BUDGET, config.memory().dedupBytes()));
    RingLocation.Chosen ringPlace = RingLocation.choose(dataDir.path());
    LOG.info(ringPlace.message());
    FrameRing ring = opened(openRing(ringPlace.file(), config, source, budgets));
    // Chronicle maps a block at a time for each writer and reader; the budget is held for them.
    opened(budgets.reserve(JOURNAL_BUDGET, config.memory().journalCachesBytes()));
    // A recording replayed as fast as it goes keeps its own time: the journal rolls and ages by it.
    CaptureClock clock =
        config.capture().replayFast() && !source.isLive()
            ? CaptureClock.followingFrames(System.currentTimeMillis() * 1_000_000L)
            : CaptureClock.wall();
    Journal journal =
        opened(
            Journal.open(
                dataDir.journalDir(),
                config.memory().journalCachesBytes() / 4,
                clock,
                vault.keys(),
                vault.sealNew()));
    JournalDiskGuard diskGuard =
        opened(
            new JournalDiskGuard(
                dataDir.journalDir(),
                () -> watcher.current().history(),
                // What the ring gave back it may take again: from the journal's disk only when
                // the ring is on it.
                ringPlace.inMemory() ? () -> 0L : ring::releasedBytes));
    journal.guardDisk(diskGuard);
    diskGuard.start();
    JournalRetention retention = opened(JournalRetention.of(journal, watcher::current));
    retention.start();
    StartupRecovery recovery =
        StartupRecovery.of(ring.recoveryReport(), journal.lastSeq(), journal.damaged());
    if (recovery.message() != null) {
      LOG.info(recovery.message());
    }
    long firstSeq = recovery.firstSeq();

    FrameEvents events = new FrameEvents(EVENT_QUEUE_BYTES);
    VerdictPolicy verdicts = verdictPolicy(config);
    Set<String> librariesBeforeProbes = MappedLibraries.paths();
    DiffEngines.Choice diffChoice =
        DiffEngines.select(
            config.diff(),
            source.maxWidth(),
            source.maxHeight(),
            config.capture().framesPerSecond() * source.displays().size(),
            new GpuBufferBudget(budgets));
    DiffEngine diff = opened(diffChoice.engine());
    if (diff instanceof SimdTileDiffEngine || diff instanceof ScalarTileDiffEngine) {
      // The GPU probes' driver stacks stay loaded, unused: their pages go back to the system.
      List<String> pagedOut = MappedLibraries.pageOutLoadedSince(librariesBeforeProbes);
      if (!pagedOut.isEmpty()) {
        LOG.info(
            "diff: the pages of {} libraries the GPU probes loaded went back to the system",
            pagedOut.size());
      }
    }
    Vertx vertx = Vertx.vertx();
    opened(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    EventStream stream = opened(new EventStream(vertx, journal));
    // The index's writer fills its RAM buffer up to the budget before it writes a segment.
    opened(budgets.reserve(TEXT_INDEX_BUDGET, config.memory().textIndexBytes()));
    TextIndex textIndex =
        opened(
            TextIndex.open(
                dataDir.indexDir(),
                config.memory().textIndexBytes(),
                vault.sealNew() ? vault.keys() : null));
    TextIndexer indexer = opened(new TextIndexer(textIndex, journal));
    journal.onAppend(
        new Journal.Listener() {
          @Override
          public void appended(long queueIndex, JournalRecord record) {
            stream.publish(queueIndex, record);
            indexer.appended(queueIndex, record);
          }

          @Override
          public boolean wantsFrames() {
            return stream.clients() > 0; // the indexer takes no frame records
          }
        });
    indexer.start();
    InsightHub insights =
        opened(
            new InsightHub(
                journal,
                stream::publish,
                config.vision().notices(),
                config.vision().notices().desktop() ? new DesktopNotifier() : null));
    LOG.info("images: JPEG by {}", ImageEncoder.jpegEncoder());
    KeyframeWriter keyframes =
        opened(new KeyframeWriter(ring, journal, () -> watcher.current().history()));
    TextEngines.Choice textChoice = TextEngines.choose(config.text());
    LOG.info(textChoice.message());
    if (textChoice.engine() != null && choice.accessibleText() != AccessibleText.NONE) {
      LOG.info(
          "text: the focused window's accessibility text: {}", choice.accessibleText().state());
    }
    TextReader textReader =
        textChoice.engine() == null
            ? null
            : opened(
                new TextReader(
                    textChoice.engine(),
                    choice.accessibleText(),
                    opened(choice.windows()),
                    ring,
                    journal,
                    keyframes::keep,
                    config.text().settle(),
                    config.text().maxCpuShare()));
    VisionProviders.Choice visionChoice;
    try {
      visionChoice =
          VisionProviders.select(
              config.vision(),
              System.getenv(),
              new VisionProviders.Wiring(
                  budgets,
                  LiveMemory.VISION_QUEUE_BUDGET,
                  insights,
                  new BatchScreenText(
                      journal,
                      config.vision().screenTextMaxChars(),
                      textReader == null ? ReadProgress.NOTHING_READ : textReader,
                      TextReader.longestReadDelay(config.text().settle()))));
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), ExitCodes.USAGE, e);
    }
    VisionProvider vision = opened(visionChoice.provider());
    LOG.info(visionChoice.message());
    Batcher batcher =
        new Batcher(vision, config.vision().batchSize(), config.vision().batchMaxWait().toNanos());
    // Taken now, next to the agent's own start: capture times are this plus the agent's elapsed
    // time, so anything slow before (the diff engines' probes) must not come between the two.
    long nowEpochNanos = System.currentTimeMillis() * 1_000_000L;
    FrameRingWriter writer = ring.writer();
    String diffMadeBy =
        DiffEngines.letWriterDiff(writer, diff, config.diff().tileSize())
            ? ", " + DiffEngines.WRITER_DIFFS
            : "";
    CaptureAgent capture =
        new CaptureAgent(
            source,
            writer,
            events,
            stats,
            config.capture().framesPerSecond(),
            config.capture().replayFast(),
            firstSeq,
            nowEpochNanos,
            clock);
    capture.continueFrom(journaledFocus(journal));
    ChangeImages images =
        vision instanceof NoVisionProvider ? null : new ChangeImages(config.vision().image());
    PipelineAgent pipeline =
        new PipelineAgent(
            events,
            ring,
            verdicts,
            diff,
            config.diff().tileSize(),
            source.displays().size(),
            batcher,
            images,
            journal,
            keyframes,
            textReader == null ? frame -> {} : textReader::offer,
            stats);
    ring.retainFrom(ring.nextPosition());
    if (textReader != null) {
      textReader.start();
    }

    RingSizing ringSizing = new RingSizing(ring, capture);
    ringSizing.setHistory(historySlots(config, source.displays().size()));
    watcher.addCheck(next -> ringBudgetProblems(next, ring));
    PressureActions pressureActions =
        new PressureActions(capture, pipeline, vision, images, ringSizing, watcher::current);
    MemoryPressureMonitor pressure =
        new MemoryPressureMonitor(
            config.memory(),
            budgets,
            // The others hold a fixed size once set up: full by design, not a sign of pressure.
            Set.of(LiveMemory.VISION_QUEUE_BUDGET),
            pressureActions,
            journal);
    opened(metrics::close);
    opened(JvmMetrics.bind(metrics));
    MemoryMetrics.bind(metrics, budgets, ring, pressure);
    PipelineMetrics.bind(metrics, stats, capture, vision);
    UserPause userPause = new UserPause(vertx, capture);
    Liveness liveness = new Liveness(capture, source, stats, watcher::current);
    StatusReporter status =
        new StatusReporter(
            liveness,
            List.of(
                StatusPart.of(
                    "config",
                    () ->
                        new JsonObject()
                            .put("file", watcher.file().toString())
                            .put("problem", watcher.problem())),
                new CapturePart(source, capture, stats, userPause, watcher::current),
                new FramesPart(stats, liveness),
                new RingPart(
                    ring,
                    ringSizing,
                    () -> watcher.current().capture().framesPerSecond() * source.displays().size()),
                StatusPart.of("recovery", recovery::toJson),
                new DedupPart(verdicts),
                StatusPart.of(
                    "diff",
                    () ->
                        new JsonObject()
                            .put(
                                "backend",
                                diff.backend() + diffMadeBy + " (" + diffChoice.reason() + ")")),
                new VisionPart(batcher, insights, stream),
                new JournalPart(journal, retention, keyframes, stats, vault),
                StatusPart.of(
                    "text",
                    () ->
                        indexer
                            .toJson()
                            .put(
                                "reader",
                                textReader == null
                                    ? TextReader.notReading(
                                        textChoice.message().substring("text: ".length()))
                                    : textReader.toJson())),
                new MemoryPart(watcher::current, budgets, pressure),
                StatusPart.of("agentErrors", agentErrors::toJson)));
    BrowserSessions sessions = new BrowserSessions(Clock.systemUTC());
    api =
        opened(
            new ApiServer(
                vertx,
                token,
                sessions,
                status,
                journal,
                ring,
                stream,
                new ConfigRoutes(vertx, watcher),
                new SearchRoutes(vertx, textIndex, journal),
                metrics,
                userPause,
                config.api()));
    ApiServer served = api;
    HttpMcpEndpoint mcp =
        HttpMcpEndpoint.create(
            vertx,
            served::selfAddress,
            Daemon.class.getPackage().getImplementationVersion() == null
                ? "dev"
                : Daemon.class.getPackage().getImplementationVersion());
    opened(mcp::stop);
    api.mountAlso(mcp::mount);
    api.mountAlso(new TimelineRoutes(journal)::mount);
    api.mountAlso(new PrivacyRoutes(config.privacy(), stats)::mount);
    api.mountAlso(new ForgetRoutes(vertx, journal, textIndex, capture::forgetFrames)::mount);
    api.mountAlso(new KeyRoutes(vertx, vault.keys(), vault.store(), dataDir.path())::mount);
    api.mountAlso(new SignInRoutes(sessions, served::selfAddress, served::port)::mount);
    api.mountAlso(PageRoutes.load()::mount);
    api.start(config.api().port());

    // Stopped in reverse: capture first, then the pipeline drains what capture sent.
    events.wakeOnTraffic(pipeline.idleStrategy()::wake, capture::pipelineMadeRoom);
    opened(runner(pipeline, pipeline.idleStrategy()));
    opened(runner(capture, capture.idleStrategy()));
    // Closed first: no pressure action reaches capture or the pipeline once they stop.
    opened(pressure);
    pressure.start();

    LiveMemory memory =
        new LiveMemory(budgets, ringSizing, dedupBudget, verdicts, pipeline, pressure, vision);
    watcher.subscribe(
        change -> applyLive(change, pressureActions, diff, pipeline, batcher, memory, retention));
    int displays = source.displays().size();
    watcher.subscribe(
        change -> {
          if (change.liveKeys().contains(CAPTURE_FPS.path())
              || change.liveKeys().contains(CAPTURE_RING_HISTORY.path())) {
            ringSizing.setHistory(historySlots(change.current(), displays));
          }
        });
    LOG.info(
        "ready: API on http://{}:{}/api/v1 (token in {}), data dir {}, frames from seq {}",
        config.api().bindAddress(),
        api.port(),
        dataDir.tokenFile(),
        dataDir.path(),
        firstSeq);
  }

  /** The dedup verdicts as {@code config} sets them up. */
  public static VerdictPolicy verdictPolicy(IroncliwConfig config) {
    return new VerdictPolicy(
        config.dedup().revisitWindow(),
        config.dedup().generations(),
        config.memory().dedupBytes(),
        config.dedup().falsePositiveRate(),
        BloomKind.named(config.dedup().bloom()),
        VolatilityParameters.of(
            config.dedup().volatileMinBeats(),
            config.dedup().volatileRhythmTolerance(),
            config.dedup().volatileMaxPeriod(),
            config.dedup().volatileQuietPeriods(),
            config.capture().framesPerSecond()),
        config.diff().tileSize());
  }

  private static FrameRing openRing(
      Path ringFile, IroncliwConfig config, CaptureSource source, BudgetRegistry budgets) {
    RingGeometry geometry;
    try {
      geometry =
          RingGeometry.forBudget(
                  config.memory().frameRingBytes(), source.maxWidth(), source.maxHeight())
              .withAtMostSlots(historySlots(config, source.displays().size()));
    } catch (IllegalArgumentException e) {
      throw new StartupException(ringTooSmall(config, source, e), ExitCodes.USAGE, e);
    }
    try {
      // A ring the last run left, larger than the history now asks for but within the budget, is
      // reopened whole, its frames kept; RingSizing cuts its active part to the history.
      FrameRing ring =
          FrameRing.open(ringFile, geometry, config.memory().frameRingBytes(), budgets);
      LOG.info(
          "frame ring: {} slots of {}x{} in {} ({} frames recovered)",
          ring.geometry().slotCount(),
          source.maxWidth(),
          source.maxHeight(),
          ring.file(),
          ring.recoveryReport().validSlots());
      return ring;
    } catch (RingInUseException | BudgetExceededException e) {
      throw new StartupException(e.getMessage(), ExitCodes.FAILURE, e);
    } catch (UncheckedIOException e) {
      throw new StartupException(e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  /** The slots {@code capture.ringHistory} asks for at {@code capture.fps} on every display. */
  private static long historySlots(IroncliwConfig config, int displays) {
    return RingSizing.historySlots(
        config.capture().ringHistory(), config.capture().framesPerSecond(), displays);
  }

  /**
   * Why the ring budget cannot hold this screen; when the budget is memory.total's share, with the
   * least total that captures the screen.
   */
  private static String ringTooSmall(
      IroncliwConfig config, CaptureSource source, IllegalArgumentException e) {
    if (config.sources().get(MEMORY_BUDGETS_FRAME_RING.path()) != ConfigSource.DEFAULT) {
      return e.getMessage();
    }
    long least =
        Math.max(
            MemoryShares.smallestTotal(),
            MemoryShares.smallestTotalFor(
                MEMORY_BUDGETS_FRAME_RING,
                RingGeometry.leastBudget(source.maxWidth(), source.maxHeight())));
    return e.getMessage()
        + "; memory.total must be at least "
        + Units.formatBytes(least)
        + " for a "
        + source.maxWidth()
        + "x"
        + source.maxHeight()
        + " screen (the ring's share of it is "
        + MEMORY_BUDGETS_FRAME_RING.defaultValue()
        + ")";
  }

  /** The off-heap share of memory.total: the Java heap has its own budget. */
  private static long offHeapTotal(MemorySettings memory) {
    return memory.totalBytes() - memory.heapBytes();
  }

  /** A ring budget must hold two frames of the ring's slot size. */
  private static List<ConfigProblem> ringBudgetProblems(IroncliwConfig next, FrameRing ring) {
    long bytes = next.memory().frameRingBytes();
    long slots = RingFileDescriptor.slotsIn(bytes, ring.geometry().slotBytes());
    if (slots >= 2) {
      return List.of();
    }
    return List.of(
        new ConfigProblem(
            MEMORY_BUDGETS_FRAME_RING.path(),
            "\""
                + next.rawValues().get(MEMORY_BUDGETS_FRAME_RING.path())
                + "\" ("
                + bytes
                + " bytes) holds "
                + Math.max(0, slots)
                + " frames of this screen; at least 2 are needed ("
                + RingFileDescriptor.fileBytes(2, ring.geometry().slotBytes())
                + " bytes)"));
  }

  private static void applyLive(
      ConfigChange change,
      PressureActions pressureActions,
      DiffEngine diff,
      PipelineAgent pipeline,
      Batcher batcher,
      LiveMemory memory,
      JournalRetention retention) {
    IroncliwConfig next = change.current();
    if (change.liveKeys().stream().anyMatch(k -> k.startsWith("history.retention."))) {
      retention.update();
    }
    if (change.liveKeys().stream().anyMatch(k -> k.startsWith("memory."))) {
      memory.apply(next.memory());
    }
    if (change.liveKeys().contains(CAPTURE_FPS.path())
        || change.liveKeys().stream().anyMatch(k -> k.startsWith("memory.pressure.actions."))) {
      pressureActions.reapply(); // the new rate or lists at the current level
    }
    if (change.liveKeys().contains(DIFF_TILE_THRESHOLD.path())) {
      diff.setTileThreshold(next.diff().tileThreshold());
    }
    if (change.liveKeys().contains(VISION_BATCH_SIZE.path())
        || change.liveKeys().contains(VISION_BATCH_MAX_WAIT.path())) {
      pipeline.submit(
          () ->
              batcher.setLimits(next.vision().batchSize(), next.vision().batchMaxWait().toNanos()));
    }
  }

  private AgentRunner runner(org.agrona.concurrent.Agent agent, IdleStrategy idle) {
    AgentRunner runner = new AgentRunner(idle, agentErrors, null, agent);
    AgentRunner.startOnThread(runner);
    return runner;
  }

  private <T extends AutoCloseable> T opened(T resource) {
    openedInOrder.push(resource);
    return resource;
  }

  int apiPort() {
    return api.port();
  }

  PipelineStats stats() {
    return stats;
  }

  /** Stops capture, drains the pipeline, flushes the journal, unmaps the ring. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    while (!openedInOrder.isEmpty()) {
      AutoCloseable resource = openedInOrder.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("while stopping: {}", e.toString());
      }
    }
    LOG.info("stopped after {} frames", stats.totalFrames());
  }

  /** The focused window the journal's last context event names; UNKNOWN without one. */
  private static FocusedWindow journaledFocus(Journal journal) {
    ContextEventRecord last = journal.contextOf(Long.MAX_VALUE);
    if (last == null) {
      return FocusedWindow.UNKNOWN;
    }
    return last.excluded()
        ? FocusedWindow.excludedOn(last.display())
        : new FocusedWindow(last.app(), last.window(), last.display(), false);
  }
}
