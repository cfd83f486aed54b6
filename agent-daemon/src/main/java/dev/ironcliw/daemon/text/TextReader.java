package dev.ironcliw.daemon.text;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.daemon.lifecycle.BackgroundPriority;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of what changed on screen once it has settled, on a thread of its own at low
 * priority ({@link BackgroundPriority}), and journals it ({@link TextRecord}) for search. The
 * pipeline only hands over its changed frames through a bounded queue ({@link #offer}; drops
 * counted), so reading never delays a frame. Per display, the rectangle that changed since the last
 * read is gathered; once nothing has changed there for {@code text.settle}, or it has kept changing
 * for {@link #MAX_UNSETTLED_NANOS}, the newest frame's area around them is read: the changed
 * rectangle grown to the text it cuts ({@link TextImages#textArea}). An area whose pixels were read
 * before (a screen seen again, a scroll back) reuses that text. Its thread's CPU time is held to
 * {@code text.maxCpuShare} of one core: over it, reading waits, and the states that settled
 * meanwhile are skipped for the newest (counted). Each block read is filed under the window it lies
 * in ({@link BlockWindows}), asked of the {@link WindowLocator} as the text is journaled.
 */
public final class TextReader implements ReadProgress, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TextReader.class);
  static final long MAX_UNSETTLED_NANOS = Duration.ofSeconds(5).toNanos();
  private static final int QUEUE_FRAMES = 256;
  private static final int CACHE_ENTRIES = 512;

  /**
   * Put in the queue by {@link #close} to wake a reader waiting for frames: with nothing pending it
   * waits for the next one however long, instead of looking every so often (an idle daemon's reader
   * woke 20 times a second). Never journaled, never read.
   */
  private static final FrameRecord WAKE_UP =
      new FrameRecord(
          -1,
          0,
          "",
          Verdict.DUPLICATE,
          false,
          0,
          0,
          0,
          0,
          0,
          0,
          List.of(),
          -1,
          0,
          0,
          List.of(),
          new byte[0]);

  private static final Duration READ_ALLOWANCE = Duration.ofSeconds(4);

  /** The rectangle of one display that changed since it was last read, and its newest frame. */
  private static final class Pending {
    FrameRecord newest;
    int left = Integer.MAX_VALUE;
    int right = Integer.MIN_VALUE;
    int top = Integer.MAX_VALUE;
    int bottom = Integer.MIN_VALUE;
    long firstChangeNanos;
    long lastChangeNanos;
  }

  private record CacheKey(int width, int height, long crc) {}

  private final TextEngine engine;
  private final AccessibleText accessible;
  private final WindowLocator windows;
  private final FrameRing ring;
  private final Journal journal;
  private final Consumer<FrameRecord> keepImage;
  private final long settleNanos;
  private final double maxCpuShare;
  private final BlockingQueue<FrameRecord> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Map<Integer, Pending> pending = new HashMap<>();

  /** Per display, the newest frame handed over: written by the pipeline thread. */
  private final Map<Integer, Long> lastOffered = new ConcurrentHashMap<>();

  /** Per display, the newest frame its reads have covered: written by the reading thread. */
  private final Map<Integer, Long> readThrough = new ConcurrentHashMap<>();

  private final Map<CacheKey, List<TextLine>> cache =
      new LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, List<TextLine>> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread thread;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong accessibilityReads = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();
  private final AtomicLong words = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final SecretRedactor redactor = new SecretRedactor();
  private volatile boolean stopping;
  private volatile String priority = "not started";
  private long nextReadNanos;

  /**
   * @param accessible the focused window's text where its accessibility interface gives it ({@link
   *     AccessibleText#NONE}: always the pixels)
   * @param windows where the windows are, to file text under its own ({@link WindowLocator#NONE}:
   *     under the focused one)
   * @param keepImage told of each frame text was read from, so its image is kept (a keyframe)
   */
  public TextReader(
      TextEngine engine,
      AccessibleText accessible,
      WindowLocator windows,
      FrameRing ring,
      Journal journal,
      Consumer<FrameRecord> keepImage,
      Duration settle,
      double maxCpuShare) {
    this.engine = engine;
    this.accessible = accessible;
    this.windows = windows;
    this.ring = ring;
    this.journal = journal;
    this.keepImage = keepImage;
    this.settleNanos = settle.toNanos();
    this.maxCpuShare = Math.max(0.01, maxCpuShare);
    this.thread = new Thread(this::run, "text-reader");
    this.thread.setDaemon(true);
    this.thread.setPriority(Thread.MIN_PRIORITY); // and the OS's, as it starts
  }

  public void start() {
    thread.start();
  }

  /** Pipeline thread: a frame that changed the screen. Never blocks; a full queue drops it. */
  public void offer(FrameRecord frame) {
    if (frame.regions().isEmpty()) {
      return;
    }
    if (queue.offer(frame)) {
      lastOffered.put(frame.display(), frame.seq());
    } else {
      dropped.incrementAndGet();
    }
  }

  /**
   * Any thread. A frame never handed over (nothing changed, or the queue was full) is not waited
   * for; the last one handed over before it is.
   */
  @Override
  public boolean hasRead(int display, long seq) {
    Long offered = lastOffered.get(display);
    return offered == null || readThrough.getOrDefault(display, -1L) >= Math.min(seq, offered);
  }

  /**
   * The longest a read can take to come after the frame it reads, within reason: the area settles,
   * or keeps changing for {@link #MAX_UNSETTLED_NANOS}, and is then read, at the CPU budget's pace.
   */
  public static Duration longestReadDelay(Duration settle) {
    return Duration.ofNanos(Math.max(settle.toNanos(), MAX_UNSETTLED_NANOS)).plus(READ_ALLOWANCE);
  }

  private void run() {
    priority = BackgroundPriority.lowerCurrentThread();
    try {
      while (!stopping) {
        FrameRecord frame =
            pending.isEmpty()
                ? queue.take()
                : queue.poll(
                    Math.max(0, nextWorkNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        long now = System.nanoTime();
        for (; frame != null; frame = queue.poll()) {
          if (frame != WAKE_UP) {
            gather(frame, now);
          }
        }
        if (now >= nextReadNanos) {
          Pending ready = oldestReady(now);
          if (ready != null) {
            pending.remove(ready.newest.display());
            read(ready);
            readThrough.put(ready.newest.display(), ready.newest.seq());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      journal.closeTextAppender();
    }
  }

  private void gather(FrameRecord frame, long now) {
    Pending p = pending.computeIfAbsent(frame.display(), d -> new Pending());
    if (p.newest == null) {
      p.firstChangeNanos = now;
    } else if (isReady(p, now)) {
      skipped.incrementAndGet(); // it settled, but reading waited on the CPU budget
    }
    p.newest = frame;
    p.lastChangeNanos = now;
    for (Region r : frame.regions()) {
      p.left = Math.min(p.left, r.x());
      p.right = Math.max(p.right, r.x() + r.width());
      p.top = Math.min(p.top, r.y());
      p.bottom = Math.max(p.bottom, r.y() + r.height());
    }
  }

  private boolean isReady(Pending p, long now) {
    return now - p.lastChangeNanos >= settleNanos
        || now - p.firstChangeNanos >= MAX_UNSETTLED_NANOS;
  }

  /** When the first pending area settles (or has waited long enough) and the budget lets it. */
  private long nextWorkNanos() {
    long soonest = Long.MAX_VALUE;
    for (Pending p : pending.values()) {
      soonest =
          Math.min(
              soonest,
              Math.min(p.lastChangeNanos + settleNanos, p.firstChangeNanos + MAX_UNSETTLED_NANOS));
    }
    return Math.max(soonest, nextReadNanos);
  }

  private Pending oldestReady(long now) {
    Pending oldest = null;
    for (Pending p : pending.values()) {
      if (isReady(p, now) && (oldest == null || p.lastChangeNanos < oldest.lastChangeNanos)) {
        oldest = p;
      }
    }
    return oldest;
  }

  private void read(Pending p) {
    FrameRecord frame = p.newest;
    int left = Math.max(0, p.left);
    int top = Math.max(0, p.top);
    int right = Math.min(frame.width(), p.right);
    int bottom = Math.min(frame.height(), p.bottom);
    if (right <= left || bottom <= top) {
      return;
    }
    Rect changed = new Rect(left, top, right - left, bottom - top);
    try {
      FrameView view = new FrameView();
      if (ring.read(frame.ringPosition(), view) != ReadStatus.OK
          || view.fingerprint() != frame.fingerprint()) {
        missed.incrementAndGet(); // the ring moved on first
        return;
      }
      Rect area =
          TextImages.textArea(
              view.pixels(), view.strideBytes(), view.width(), view.height(), changed);
      if (!view.stillValid()) {
        missed.incrementAndGet();
        return;
      }
      List<TextLine> read = accessibleLines(frame.display(), area);
      TextSource source = read != null ? TextSource.ACCESSIBILITY : TextSource.OCR;
      if (read == null) {
        GreyImage image = TextImages.prepare(view.pixels(), view.strideBytes(), area);
        if (!view.stillValid()) {
          missed.incrementAndGet();
          return;
        }
        read = linesOf(image, area);
      }
      List<LocatedWindow> located = read.isEmpty() ? List.of() : windows.windowsOn(frame.display());
      BlockWindows.Filed filed = BlockWindows.file(read, located);
      // Before anything stores or sends it: no journal, index, answer or request holds a secret.
      List<TextLine> lines = redactor.redact(filed.lines());
      journal.append(
          new TextRecord(
              frame.seq(),
              frame.capturedAtNanos(),
              frame.display(),
              area,
              lines,
              filed.windows().stream()
                  .map(w -> new WindowName(w.app(), redactor.redactTitle(w.title())))
                  .toList(),
              source));
      reads.incrementAndGet();
      words.addAndGet(lines.stream().mapToInt(l -> l.words().size()).sum());
      if (!lines.isEmpty()) {
        keepImage.accept(frame);
      }
    } catch (RuntimeException e) {
      if (failed.incrementAndGet() <= 10) {
        LOG.warn("text: cannot read frame {}", frame.seq(), e);
      }
    }
  }

  /** The lines of {@code image}: from the cache when these pixels were read before. */
  private List<TextLine> linesOf(GreyImage image, Rect area) {
    CRC32C crc = new CRC32C();
    crc.update(image.pixels());
    CacheKey key = new CacheKey(image.width(), image.height(), crc.getValue());
    List<TextLine> known = cache.get(key);
    if (known != null) {
      cacheHits.incrementAndGet();
      return moved(known, area.x(), area.y());
    }
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    List<TextLine> lines = engine.read(image);
    charge(cpuBefore, wallBefore);
    cache.put(key, moved(lines, -area.x(), -area.y()));
    return lines;
  }

  /** The area's lines from the accessibility interface, or null where it gives none. */
  private List<TextLine> accessibleLines(int display, Rect area) {
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    List<AccessibleLine> given = accessible.linesIn(display, area);
    charge(cpuBefore, wallBefore);
    if (given == null) {
      return null;
    }
    accessibilityReads.incrementAndGet();
    return AccessibleWords.lines(given);
  }

  /** Counts the CPU time since {@code cpuBefore} and holds the next read to the budget. */
  private void charge(long cpuBefore, long wallBefore) {
    long cpu = Math.max(0, threads.getCurrentThreadCpuTime() - cpuBefore);
    if (cpuBefore < 0) {
      cpu = System.nanoTime() - wallBefore; // no thread CPU time here: count the wall time
    }
    cpuNanos.addAndGet(cpu);
    // cpu / (cpu + wait) <= share
    nextReadNanos = System.nanoTime() + (long) (cpu * (1 / maxCpuShare - 1));
  }

  private static List<TextLine> moved(List<TextLine> lines, int dx, int dy) {
    List<TextLine> out = new ArrayList<>(lines.size());
    for (TextLine line : lines) {
      List<TextWord> movedWords = new ArrayList<>(line.words().size());
      for (TextWord w : line.words()) {
        Rect b = w.box();
        movedWords.add(
            new TextWord(
                w.text(), new Rect(b.x() + dx, b.y() + dy, b.width(), b.height()), w.confidence()));
      }
      out.add(new TextLine(line.block(), movedWords));
    }
    return out;
  }

  /** Status {@code text.reader} where no text is read: why not. */
  public static JsonObject notReading(String why) {
    return new JsonObject().put("engine", "none: " + why);
  }

  /** Status {@code text.reader}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("engine", engine.description())
        .put("priority", priority)
        .put("accessibility", accessible.state())
        .put("reads", reads.get())
        .put("accessibilityReads", accessibilityReads.get())
        .put("cacheHits", cacheHits.get())
        .put("words", words.get())
        .put("cpuMillis", cpuNanos.get() / 1_000_000)
        .put("queued", queue.size())
        .put("dropped", dropped.get())
        .put("skipped", skipped.get())
        .put("missed", missed.get())
        .put("failed", failed.get())
        .put("redacted", redacted());
  }

  /** What the redactor replaced, by kind: counts only. */
  private JsonObject redacted() {
    JsonObject counts = new JsonObject();
    for (SecretRedactor.Kind kind : SecretRedactor.Kind.values()) {
      counts.put(SecretRedactor.statusName(kind), redactor.count(kind));
    }
    return counts;
  }

  /** Ends the read in hand (as soon as its recognizer can), then frees the engine. */
  @Override
  public void close() {
    stopping = true;
    engine.cancel();
    queue.offer(WAKE_UP); // a full queue wakes it anyway
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      engine.close();
    }
  }
}
