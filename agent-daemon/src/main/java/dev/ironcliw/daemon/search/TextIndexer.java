package dev.ironcliw.daemon.search;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.JournalRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link TextIndex} in step with the journal, on a thread of its own: window titles (a
 * document per span of the focused window, its {@code lastSeen} extended while it keeps the focus),
 * the text read from the screen (a document per block, under the window it lay in, extended while
 * it stays on screen) and insights; a retention event deletes what retention deleted. It is told of
 * each append ({@link #appended}); at start, and whenever its queue overflowed, it reads the
 * journal from the last record it indexed, so a crash or a burst loses nothing, and putting a
 * document by its id twice only replaces it. Searchable within {@link #REFRESH_MILLIS}, durable
 * within {@link #COMMIT_MILLIS}.
 */
public final class TextIndexer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TextIndexer.class);
  static final long REFRESH_MILLIS = 500;
  static final long COMMIT_MILLIS = 10_000;
  private static final int QUEUE_RECORDS = 4096;
  private static final int CATCH_UP_BATCH = 10_000;
  private static final int MAX_LIVE_BLOCKS = 2_000;

  private record Appended(long queueIndex, JournalRecord record) {}

  private final TextIndex index;
  private final Journal journal;
  private final BlockingQueue<Appended> queue = new ArrayBlockingQueue<>(QUEUE_RECORDS);
  private final Thread thread;
  private final AtomicLong documents = new AtomicLong();
  private final AtomicLong overflows = new AtomicLong();
  private volatile boolean behind = true; // catch up at start
  private volatile boolean stopping;
  private volatile long indexedTo;
  private TextDocument currentTitle;

  /** Per display, the blocks of text read and not yet seen to leave, by app and text. */
  private final Map<Integer, Map<String, TextDocument>> liveBlocks = new HashMap<>();

  private boolean dirty;
  private long lastRefreshMillis;
  private long lastCommitMillis;

  public TextIndexer(TextIndex index, Journal journal) {
    this.index = index;
    this.journal = journal;
    this.indexedTo = index.committedJournalIndex();
    this.thread = new Thread(this::run, "text-indexer");
    this.thread.setDaemon(true);
    this.thread.setPriority(Thread.MIN_PRIORITY);
  }

  public void start() {
    thread.start();
  }

  /** Told of every journal append (on the appending thread): never blocks it. */
  public void appended(long queueIndex, JournalRecord record) {
    if (!(record instanceof ContextEventRecord
        || record instanceof InsightRecord
        || record instanceof TextRecord
        || record instanceof RetentionEventRecord)) {
      return;
    }
    if (!queue.offer(new Appended(queueIndex, record))) {
      overflows.incrementAndGet();
      behind = true; // read from the journal what the queue had no room for
    }
  }

  private void run() {
    long startMillis = System.currentTimeMillis();
    long from = indexedTo;
    try {
      catchUp();
      LOG.info(
          "text index: {} documents; indexed the journal after {} in {} ms",
          index.documents(),
          from < 0 ? "its start" : Long.toHexString(from),
          System.currentTimeMillis() - startMillis);
      while (!stopping) {
        Appended next = queue.poll(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        if (next != null && next.queueIndex() > indexedTo) {
          index(next.queueIndex(), next.record());
        }
        if (behind) {
          catchUp();
        }
        refreshAndCommit(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("text index: indexing stopped", e);
    }
  }

  /** Indexes what the journal holds after {@link #indexedTo}. */
  private void catchUp() {
    behind = false;
    while (!stopping) {
      List<Journal.Indexed> batch = journal.readAfter(indexedTo, CATCH_UP_BATCH);
      if (batch.isEmpty()) {
        return;
      }
      for (Journal.Indexed r : batch) {
        index(r.queueIndex(), r.record());
      }
      indexedTo = Math.max(indexedTo, batch.getLast().queueIndex());
      refreshAndCommit(false);
    }
  }

  private void index(long queueIndex, JournalRecord record) {
    switch (record) {
      case ContextEventRecord c -> title(queueIndex, c);
      case InsightRecord i -> put(insight(queueIndex, i));
      case TextRecord t -> screenText(queueIndex, t);
      case RetentionEventRecord r -> {
        index.deleteLastSeenBefore(r.keptFromNanos());
        dirty = true;
      }
      default -> {
        // frames and other events: nothing to index
      }
    }
    indexedTo = Math.max(indexedTo, queueIndex);
  }

  /**
   * Puts each block of text read as a document, or extends the document of the same text still on
   * that display; a block that was in the area read and is not there now has left the screen.
   */
  private void screenText(long queueIndex, TextRecord t) {
    Map<String, TextDocument> onDisplay =
        liveBlocks.computeIfAbsent(t.display(), d -> new LinkedHashMap<>());
    TextKind kind = t.source() == TextSource.ACCESSIBILITY ? TextKind.ACCESSIBILITY : TextKind.OCR;
    Map<Integer, List<TextLine>> blocks = new TreeMap<>();
    for (TextLine line : t.lines()) {
      blocks.computeIfAbsent(line.block(), b -> new ArrayList<>()).add(line);
    }
    Set<String> seen = new HashSet<>();
    for (var block : blocks.entrySet()) {
      List<TextLine> lines = block.getValue();
      String text = String.join("\n", lines.stream().map(TextLine::text).toList());
      WindowName window = journal.windowOf(t, block.getKey());
      // Not by title: a terminal's title follows its command, its text stays one document.
      String key = window.app() + "\u0000" + text;
      TextDocument live = onDisplay.remove(key);
      TextDocument d =
          live != null
              ? withLastSeen(live, t.capturedAtNanos())
              : new TextDocument(
                  kind.label() + ":" + t.seq() + ":" + t.area().y() + ":" + block.getKey(),
                  kind,
                  text,
                  window.app(),
                  window.title(),
                  t.display(),
                  t.capturedAtNanos(),
                  t.capturedAtNanos(),
                  t.seq(),
                  t.capturedAtNanos(),
                  queueIndex,
                  lines.stream().flatMap(l -> l.words().stream()).toList());
      put(d);
      onDisplay.put(key, d); // the newest last
      seen.add(key);
    }
    onDisplay
        .entrySet()
        .removeIf(e -> !seen.contains(e.getKey()) && overlaps(e.getValue(), t.area()));
    while (onDisplay.size() > MAX_LIVE_BLOCKS) {
      onDisplay.remove(onDisplay.keySet().iterator().next());
    }
  }

  private static boolean overlaps(TextDocument d, Rect area) {
    for (TextWord w : d.words()) {
      if (w.box().intersect(area) != null) {
        return true;
      }
    }
    return false;
  }

  /** Ends the previous title's span and starts this one's (an excluded window gets none). */
  private void title(long queueIndex, ContextEventRecord c) {
    TextDocument previous = currentTitle;
    if (previous == null && c.fromSeq() > 0) {
      ContextEventRecord before = journal.contextOf(c.fromSeq() - 1);
      previous = before == null ? null : titleOf(before, queueIndex);
    }
    if (previous != null) {
      // It ended with the last frame before this change: across a restart, the last run's.
      long end =
          journal
              .find(c.fromSeq() - 1)
              .map(f -> Math.min(f.capturedAtNanos(), c.timeNanos()))
              .orElse(c.timeNanos());
      put(withLastSeen(previous, end));
    }
    currentTitle = titleOf(c, queueIndex);
    if (currentTitle != null) {
      put(currentTitle);
    }
  }

  /** The document of a focused window's span; null for an excluded or unknown window. */
  private static TextDocument titleOf(ContextEventRecord c, long queueIndex) {
    if (c.excluded() || (c.app().isEmpty() && c.window().isEmpty())) {
      return null;
    }
    String text = c.window().isEmpty() ? c.app() : c.window();
    return new TextDocument(
        "title:" + c.fromSeq(),
        TextKind.TITLE,
        text,
        c.app(),
        c.window(),
        c.display(),
        c.timeNanos(),
        c.timeNanos(),
        c.fromSeq(),
        queueIndex);
  }

  private static TextDocument withLastSeen(TextDocument d, long lastSeenNanos) {
    return new TextDocument(
        d.id(),
        d.kind(),
        d.text(),
        d.app(),
        d.window(),
        d.display(),
        d.firstSeenNanos(),
        Math.max(d.firstSeenNanos(), lastSeenNanos),
        d.seq(),
        d.seqCapturedAtNanos(),
        d.journalIndex(),
        d.words());
  }

  /** An insight's document, filed under the last frame it was about (journaled before it). */
  private TextDocument insight(long queueIndex, InsightRecord r) {
    String text =
        r.valid() ? String.join(" ", r.activity(), r.app(), r.suggestion()).strip() : r.rawReply();
    long seq = r.frameSeqs().isEmpty() ? -1 : r.frameSeqs().getLast();
    long capturedAt =
        seq < 0
            ? TextDocument.UNKNOWN_TIME
            : journal.find(seq).map(f -> f.capturedAtNanos()).orElse(TextDocument.UNKNOWN_TIME);
    return new TextDocument(
        "insight:" + r.id(),
        TextKind.INSIGHT,
        text,
        r.app(),
        "",
        -1,
        r.receivedAtNanos(),
        r.receivedAtNanos(),
        seq,
        capturedAt,
        queueIndex,
        List.of());
  }

  private void put(TextDocument d) {
    index.put(d);
    documents.incrementAndGet();
    dirty = true;
  }

  /** Refreshes the reader every half second and commits every ten, when anything changed. */
  private void refreshAndCommit(boolean now) {
    long millis = System.currentTimeMillis();
    if (dirty && (now || millis - lastRefreshMillis >= REFRESH_MILLIS)) {
      index.refresh();
      lastRefreshMillis = millis;
    }
    if (now || millis - lastCommitMillis >= COMMIT_MILLIS) {
      // Text still on screen: its span reaches the journal's last frame too, but only with the
      // queue empty: a focus change still in it ended the span before that frame. (The frame is
      // read first: the pipeline queues a focus change before it journals the next frame.)
      long lastFrame = journal.lastFrameNanos();
      boolean caughtUp = queue.isEmpty() && !behind;
      for (Map<String, TextDocument> onDisplay :
          caughtUp ? liveBlocks.values() : List.<Map<String, TextDocument>>of()) {
        for (var e : onDisplay.entrySet()) {
          if (lastFrame > e.getValue().lastSeenNanos()) {
            e.setValue(withLastSeen(e.getValue(), lastFrame));
            put(e.getValue());
          }
        }
      }
      if (currentTitle != null && caughtUp) {
        // The focused window is still on screen: its span reaches the journal's last frame.
        if (lastFrame > currentTitle.lastSeenNanos()) {
          currentTitle = withLastSeen(currentTitle, lastFrame);
          put(currentTitle);
          index.refresh();
        }
      }
      if (dirty || now) {
        index.commit(indexedTo);
      }
      dirty = false;
      lastCommitMillis = millis;
    }
  }

  /** Status {@code text}: what the indexer did, and how far it got. */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject()
        .put("documents", index.documents())
        .put("documentsPut", documents.get())
        .put("indexedTo", indexedTo)
        .put("queued", queue.size())
        .put("overflows", overflows.get());
  }

  /** Stops after the record in hand (never interrupted: Lucene's writer must not be). */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    index.commit(indexedTo);
  }
}
