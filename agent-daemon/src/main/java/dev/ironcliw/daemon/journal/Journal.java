package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.crypto.KeyRing;
import dev.ironcliw.daemon.journal.codec.CaptureEventCodec;
import dev.ironcliw.daemon.journal.codec.ContextEventCodec;
import dev.ironcliw.daemon.journal.codec.ForgetEventCodec;
import dev.ironcliw.daemon.journal.codec.FrameRecordCodec;
import dev.ironcliw.daemon.journal.codec.InsightRecordCodec;
import dev.ironcliw.daemon.journal.codec.KeyframeCodec;
import dev.ironcliw.daemon.journal.codec.PressureEventCodec;
import dev.ironcliw.daemon.journal.codec.RetentionEventCodec;
import dev.ironcliw.daemon.journal.codec.TextRecordCodec;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord.SeqRange;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.JournalEvent;
import dev.ironcliw.daemon.journal.record.JournalRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.daemon.journal.repair.JournalRepair;
import dev.ironcliw.daemon.journal.repair.JournalRepairReport;
import dev.ironcliw.daemon.journal.seal.ForgottenRecordException;
import dev.ironcliw.daemon.journal.seal.RecordChecksum;
import dev.ironcliw.daemon.journal.seal.RecordSeal;
import dev.ironcliw.dedup.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history journal: one {@link FrameRecord} per processed frame, capture events and the vision
 * stage's {@link InsightRecord}s in a Chronicle Queue with daily roll cycles. Records are in
 * memory-mapped files, so they survive a crash of the daemon. The pipeline thread appends frames
 * and events, the vision-results thread insights, each with its own appender; API workers read,
 * each with its own tailer.
 *
 * <p>Retention deletes whole cycles (days) from the oldest; it holds the write side of a lock that
 * every read holds the read side of, so a read sees a cycle whole or not at all.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  /** The most records one page request reads, so a sparse filter cannot stall a worker. */
  static final int MAX_SCAN_PER_PAGE = 50_000;

  private static final long DEFAULT_BLOCK_BYTES = 16L << 20;
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  private final TimeProvider clock;
  private final JournalIndex index;
  private final ReentrantReadWriteLock cycleLock = new ReentrantReadWriteLock();
  private final ThreadLocal<ExcerptTailer> readerTailers;
  private final JournalRepairReport repairs;

  /** Records that could not be read since the start, each skipped. */
  private final java.util.concurrent.atomic.AtomicLong damagedReads =
      new java.util.concurrent.atomic.AtomicLong();

  /** Which records those are, so a record read again is not counted again. */
  private final java.util.Set<Long> damagedIndexes =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The most damaged records counted apart; past it the count stops growing. */
  private static final int MAX_DAMAGED_REMEMBERED = 100_000;

  /** Queue index of every insight, oldest first; insights are few (one per batch). */
  private final RecordIndexes insightIndexes = new RecordIndexes();

  /** Frame seq to the queue indexes of the text records read from that frame. */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, List<Long>> textIndexes =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  /** Queue index of every keyframe, by its frame's sequence number. */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> keyframeIndexes =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  /** The focused window's spans, with their frames counted. */
  private final ContextIndex contexts = new ContextIndex();

  /** The frames the user had forgotten: every query passes over them. */
  private final ForgottenFrames forgotten = new ForgottenFrames();

  private final ChangeTimeline changes = new ChangeTimeline();

  /** Queue index of every capture, context, pressure and retention event, oldest first. */
  private final RecordIndexes eventIndexes = new RecordIndexes();

  private final java.util.concurrent.atomic.AtomicLong lastInsightId =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile Listener listener = NO_LISTENER;

  /** Keys this close to the end of a deleted day are kept until the next retention pass. */
  private static final long KEY_MARGIN_MILLIS = 10 * 60_000L;

  /** The history's data keys; null when none are open (then nothing is sealed). */
  private final KeyRing keys;

  /** Whether records with content from the screen are sealed as they are appended. */
  private final boolean sealNew;

  private volatile JournalDiskGuard disk;
  private final Appender pipelineAppender = new Appender(true);

  /** The pipeline thread's frame for {@link #appendRepeat}, set again for each. */
  private final FrameRecordCodec.Repeat repeat = new FrameRecordCodec.Repeat();

  private final Appender insightAppender = new Appender(true);
  private final Appender pressureAppender = new Appender(true);
  private final Appender keyframeAppender = new Appender(true);
  private final Appender textAppender = new Appender(true);

  /**
   * Not held back by the disk guard: a retention record is small, and deleting days waits for it
   * (the guard keeps {@code history.disk.recordsMinFree} free, room enough).
   */
  private final Appender retentionAppender = new Appender(false);

  /** Until {@link #onAppend}: nobody, who wants no frame records. */
  private static final Listener NO_LISTENER =
      new Listener() {
        @Override
        public void appended(long queueIndex, JournalRecord record) {}

        @Override
        public boolean wantsFrames() {
          return false;
        }
      };

  /** Told of every record appended, on the appending thread, with its queue index. */
  @FunctionalInterface
  public interface Listener {
    void appended(long queueIndex, JournalRecord record);

    /**
     * Whether {@link #appended} needs frame records now (the event stream has a client): while it
     * does not, a repeated duplicate ({@link #appendRepeat}) is journaled without a record made.
     */
    default boolean wantsFrames() {
      return true;
    }
  }

  /** A record and where it is in the queue; the index is the stream's event id. */
  public record Indexed(long queueIndex, JournalRecord record) {}

  private Journal(
      SingleChronicleQueue queue,
      RollCycle rollCycle,
      TimeProvider clock,
      JournalRepairReport repairs,
      KeyRing keys,
      boolean sealNew) {
    this.queue = queue;
    this.keys = keys;
    this.sealNew = sealNew && keys != null;
    this.repairs = repairs;
    this.rollCycle = rollCycle;
    this.clock = clock;
    this.index = new JournalIndex(rollCycle::toCycle);
    this.readerTailers = ThreadLocal.withInitial(queue::createTailer);
  }

  /** The journal with Chronicle's default block size, for tools and tests. */
  public static Journal open(Path directory) {
    return open(directory, DEFAULT_BLOCK_BYTES);
  }

  /**
   * @param blockBytes how much of a cycle file each writer and reader maps at a time
   */
  public static Journal open(Path directory, long blockBytes) {
    return open(directory, blockBytes, SystemTimeProvider.INSTANCE);
  }

  /**
   * Checks the journal first ({@link JournalRepair}): a damaged file is moved aside and what of it
   * can be read is kept.
   *
   * @param clock decides which day (cycle) a record is written to; tests move it
   */
  public static Journal open(Path directory, long blockBytes, TimeProvider clock) {
    return open(directory, blockBytes, clock, null, false);
  }

  /**
   * @param keys the history's data keys, which open sealed records; null when there are none
   * @param sealNew whether keyframes, text, insights and context events are sealed as appended
   */
  public static Journal open(
      Path directory, long blockBytes, TimeProvider clock, KeyRing keys, boolean sealNew) {
    RollCycle rollCycle = RollCycles.FAST_DAILY;
    JournalRepairReport repairs;
    try {
      repairs = JournalRepair.run(directory, rollCycle, blockBytes);
    } catch (RuntimeException e) {
      LOG.error(
          "journal: the check at start failed ({}); the journal opens unchecked", e.toString());
      repairs = JournalRepairReport.NOTHING;
    }
    Journal journal = open(directory, blockBytes, clock, rollCycle, repairs, keys, sealNew);
    Set<Integer> badIndexes = journal.rebuildIndex();
    if (badIndexes.isEmpty()) {
      return journal;
    }
    // A damaged index shows only once Chronicle reads it: rewrite those days, and open again.
    List<Path> files = badIndexes.stream().map(journal::fileOf).toList();
    journal.close();
    try {
      repairs =
          repairs.with(
              JournalRepair.rewrite(
                  directory,
                  rollCycle,
                  blockBytes,
                  files,
                  "Chronicle's index does not point at its records"));
    } catch (RuntimeException e) {
      LOG.error("journal: cannot rewrite a day whose index is damaged ({})", e.toString());
    }
    journal = open(directory, blockBytes, clock, rollCycle, repairs, keys, sealNew);
    journal.rebuildIndex();
    return journal;
  }

  private static Journal open(
      Path directory,
      long blockBytes,
      TimeProvider clock,
      RollCycle rollCycle,
      JournalRepairReport repairs,
      KeyRing keys,
      boolean sealNew) {
    SingleChronicleQueue queue =
        ChronicleQueue.singleBuilder(directory)
            .rollCycle(rollCycle)
            .blockSize(blockBytes)
            .timeProvider(clock)
            .build();
    return new Journal(queue, rollCycle, clock, repairs, keys, sealNew);
  }

  /**
   * Reads the whole journal into the in-memory indexes, then checks Chronicle's own index.
   *
   * @return the cycles whose Chronicle index does not point at their records
   */
  private Set<Integer> rebuildIndex() {
    long startNanos = System.nanoTime();
    long skipped = 0;
    ChronicleIndexCheck indexCheck = new ChronicleIndexCheck(rollCycle, queue.indexSpacing());
    try (ExcerptTailer tailer = queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          var bytes = dc.wire().bytes();
          indexCheck.saw(dc.index(), bytes);
          int type = RecordChecksum.recordType(bytes);
          if (!opened(dc, type)) {
            continue;
          }
          InsightRecord insight =
              type == InsightRecordCodec.INSIGHT_RECORD
                  ? decode(dc, InsightRecordCodec::read)
                  : null;
          if (type == FrameRecordCodec.FRAME_RECORD && bytes.readRemaining() >= 18) {
            // Only what the index needs, read in place: start-up reads the whole journal.
            long seq = FrameRecordCodec.peekSeq(bytes);
            long capturedAt = FrameRecordCodec.peekCapturedAtNanos(bytes);
            index.add(seq, capturedAt, dc.index());
            boolean change = FrameRecordCodec.peekIsChange(bytes);
            contexts.frame(seq, capturedAt, change);
            if (change) {
              changes.add(seq, capturedAt, FrameRecordCodec.peekDisplay(bytes));
            }
          } else if (insight != null) {
            insightIndexes.add(dc.index());
            lastInsightId.accumulateAndGet(insight.id(), Math::max);
          } else if (type == KeyframeCodec.KEYFRAME_RECORD) {
            keyframeIndexes.put(KeyframeCodec.peekSeq(bytes), dc.index());
          } else if (type == TextRecordCodec.TEXT_RECORD && bytes.readRemaining() >= 10) {
            addText(TextRecordCodec.peekSeq(bytes), dc.index());
          } else if (type == ContextEventCodec.CONTEXT_EVENT_RECORD) {
            ContextEventRecord context = contextAtStart(dc);
            if (context != null) {
              contexts.context(context);
              eventIndexes.add(dc.index());
            }
          } else if (type == ForgetEventCodec.FORGET_EVENT_RECORD) {
            ForgetEventRecord forget = decode(dc, ForgetEventCodec::read);
            if (forget != null) {
              forgotten.add(forget.hiddenSeqs());
              eventIndexes.add(dc.index());
            }
          } else if (type == CaptureEventCodec.CAPTURE_EVENT_RECORD
              || type == PressureEventCodec.PRESSURE_EVENT_RECORD
              || type == RetentionEventCodec.RETENTION_EVENT_RECORD) {
            eventIndexes.add(dc.index());
          } else {
            skipped++;
          }
        } catch (RuntimeException e) {
          damaged(tailer.index(), "the index built at start stops here", e);
          break; // the tailer cannot go past it
        }
      }
    }
    if (!forgotten.isEmpty()) {
      dropForgottenFromIndexes();
    }
    if (index.records() > 0 || skipped > 0) {
      LOG.info(
          "journal: {} frame records found (last seq {}), {} insights, {} events, {} keyframes, {}"
              + " other records, indexed in {} ms",
          index.records(),
          index.lastSeq(),
          insightIndexes.size(),
          eventIndexes.size(),
          keyframeIndexes.size(),
          skipped,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
    Set<Integer> badIndexes;
    try (ExcerptTailer tailer = queue.createTailer()) {
      badIndexes = indexCheck.cyclesNotMatching(tailer);
    }
    if (!badIndexes.isEmpty()) {
      LOG.warn(
          "journal: Chronicle's index of cycles {} does not point at their records", badIndexes);
    }
    return badIndexes;
  }

  /** From now on, appends stop while {@code guard} says the disk is (nearly) full. */
  public void guardDisk(JournalDiskGuard guard) {
    this.disk = guard;
  }

  /** The disk guard, null when none is set. */
  public JournalDiskGuard diskGuard() {
    return disk;
  }

  /**
   * Pipeline thread: appends one frame record; skipped while the disk guard says the disk is full.
   */
  public void append(FrameRecord record) {
    long queueIndex = pipelineAppender.append(FrameRecordCodec::write, record);
    if (queueIndex >= 0) {
      indexFrame(queueIndex, record, record.seq(), record.capturedAtNanos());
      listener.appended(queueIndex, record);
    }
  }

  /**
   * Pipeline thread: appends {@code template} as frame {@code seq} captured at {@code
   * capturedAtNanos}, the rest as it is: a display's duplicates of an unchanged screen differ in
   * nothing else, so each costs no record made (but for a listener that wants it).
   */
  public void appendRepeat(FrameRecord template, long seq, long capturedAtNanos) {
    repeat.set(template, seq, capturedAtNanos);
    long queueIndex = pipelineAppender.append(FrameRecordCodec::writeRepeat, repeat);
    if (queueIndex >= 0) {
      indexFrame(queueIndex, template, seq, capturedAtNanos);
      Listener told = listener;
      if (told.wantsFrames()) {
        told.appended(queueIndex, template.repeatedAs(seq, capturedAtNanos));
      }
    }
  }

  private void indexFrame(long queueIndex, FrameRecord record, long seq, long capturedAtNanos) {
    index.add(seq, capturedAtNanos, queueIndex);
    boolean change = record.verdict() == Verdict.CHANGE;
    contexts.frame(seq, capturedAtNanos, change);
    if (change) {
      changes.add(seq, capturedAtNanos, record.display());
    }
  }

  /** Sets who is told of each append (the event stream); one listener. */
  public void onAppend(Listener listener) {
    this.listener = listener;
  }

  /** Pipeline thread: appends a change of the focused window. */
  public void append(ContextEventRecord event) {
    long queueIndex =
        pipelineAppender.append(
            ContextEventCodec::write,
            event,
            seal(event.timeNanos(), event.app(), ContextEventCodec.CLEAR_BYTES));
    if (queueIndex >= 0) {
      contexts.context(event);
      eventIndexes.add(queueIndex);
      listener.appended(queueIndex, event);
    }
  }

  /**
   * Forgets what was on screen from {@code fromNanos} to {@code toNanos}, rounded out to whole
   * minutes (the data keys' span), while {@code app} had the focus (null: whatever had it): the
   * data keys that sealed its keyframes, text, window titles and insights are destroyed, its frames
   * hidden from every query, and what the indexes in memory hold of it dropped. A forget event,
   * without content, is journaled first: when it cannot be written, nothing is forgotten. Any
   * thread.
   *
   * @throws IllegalStateException when the history has no keys (it is not encrypted): what it holds
   *     in clear cannot be forgotten this way
   * @throws JournalWriteException when the forget event could not be written
   */
  public synchronized ForgetEventRecord forget(long fromNanos, long toNanos, String app) {
    if (keys == null) {
      throw new IllegalStateException(
          "the history is not encrypted (privacy.encrypt: false): nothing can be forgotten");
    }
    long minute = 60_000_000_000L;
    long from = Math.floorDiv(fromNanos, minute) * minute;
    long to = Math.floorDiv(toNanos, minute) * minute + minute - 1;
    java.util.function.LongPredicate inScope =
        seq -> app == null || app.equalsIgnoreCase(appOf(seq));
    List<SeqRange> hidden = reading(() -> framesBetween(from, to, inScope));
    Long fromMillis = from / 1_000_000L;
    Long toMillis = to / 1_000_000L;
    ForgetEventRecord event =
        new ForgetEventRecord(
            clock.currentTimeMillis() * 1_000_000L,
            from,
            to,
            app != null,
            keys.count(fromMillis, toMillis, app),
            hidden);
    Appender appender = new Appender(false);
    long queueIndex;
    try {
      queueIndex = appender.append(ForgetEventCodec::write, event);
    } finally {
      appender.close();
    }
    keys.destroy(fromMillis, toMillis, app);
    forgotten.add(hidden);
    dropForgottenFromIndexes();
    contexts.forget(
        c ->
            c.timeNanos() >= from
                && c.timeNanos() <= to
                && (app == null || app.equalsIgnoreCase(c.app())));
    eventIndexes.add(queueIndex);
    listener.appended(queueIndex, event);
    return event;
  }

  /** The frames captured in [{@code from}, {@code to}] that {@code wanted} takes, as ranges. */
  private List<SeqRange> framesBetween(
      long from, long to, java.util.function.LongPredicate wanted) {
    List<SeqRange> ranges = new ArrayList<>();
    ExcerptTailer tailer = readerTailer();
    long start = index.startFor(null, from);
    if (start < 0 || !moveTo(tailer, start)) {
      tailer.toStart();
    }
    long first = -1;
    long last = -1;
    for (FrameRecord r = readNext(tailer); r != null; r = readNext(tailer)) {
      if (r.capturedAtNanos() > to) {
        break;
      }
      boolean take = r.capturedAtNanos() >= from && wanted.test(r.seq());
      if (take && first >= 0 && r.seq() == last + 1) {
        last = r.seq();
      } else if (take) {
        if (first >= 0) {
          ranges.add(new SeqRange(first, last));
        }
        first = r.seq();
        last = r.seq();
      } else if (first >= 0 && r.capturedAtNanos() >= from) {
        ranges.add(new SeqRange(first, last));
        first = -1;
      }
    }
    if (first >= 0) {
      ranges.add(new SeqRange(first, last));
    }
    return ranges;
  }

  /** Drops the forgotten frames' keyframes, text and changes from the indexes in memory. */
  private void dropForgottenFromIndexes() {
    keyframeIndexes.keySet().removeIf(forgotten::contains);
    textIndexes.keySet().removeIf(forgotten::contains);
    changes.forget(forgotten::contains);
  }

  /**
   * At start: the context event in {@code dc}; for one whose key was destroyed, a context without
   * application or title from the same frame on (its frames were not that window's after all).
   */
  private ContextEventRecord contextAtStart(DocumentContext dc) {
    Bytes<?> bytes = dc.wire().bytes();
    long start = bytes.readPosition();
    try {
      return ContextEventCodec.read(RecordChecksum.open(bytes, keys));
    } catch (ForgottenRecordException gone) {
      bytes.readPosition(start);
      RecordChecksum.skip(bytes);
      return ContextIndex.blank(
          ContextEventCodec.peekTimeNanos(bytes),
          ContextEventCodec.peekFromSeq(bytes),
          ContextEventCodec.peekDisplay(bytes));
    } catch (RuntimeException e) {
      damaged(dc.index(), "it is skipped", e);
      return null;
    }
  }

  /**
   * How a record of {@code app} at {@code epochNanos} is sealed, keeping its first {@code
   * clearBytes} in clear; null when records are not sealed.
   */
  private Seal seal(long epochNanos, String app, int clearBytes) {
    return sealNew ? new Seal(keys.keyFor(epochNanos / 1_000_000L, app), clearBytes) : null;
  }

  /** The application that had the focus at frame {@code seq}; empty when none or excluded. */
  private String appOf(long seq) {
    ContextEventRecord context = contexts.at(seq);
    return context == null || context.excluded() ? "" : context.app();
  }

  /** Whether frame {@code seq} was captured while {@code app} had the focus (null: any). */
  private boolean inApp(long seq, String app) {
    if (app == null) {
      return true;
    }
    ContextEventRecord context = contexts.at(seq);
    return context != null && !context.excluded() && context.app().equalsIgnoreCase(app);
  }

  /** The focused window frame {@code seq} was captured in; null when none is known. */
  public ContextEventRecord contextOf(long seq) {
    return contexts.at(seq);
  }

  /**
   * The window block {@code block} of {@code text} lay in: as the record says, or where it does not
   * know, the window that had the focus at its frame; {@link WindowName#NONE} when neither names
   * one.
   */
  public WindowName windowOf(TextRecord text, int block) {
    WindowName own = text.windowOf(block);
    if (own != null) {
      return own;
    }
    ContextEventRecord focused = contexts.at(text.seq());
    return focused == null || focused.excluded()
        ? WindowName.NONE
        : new WindowName(focused.app(), focused.window());
  }

  /** The {@code CHANGE} frames, for the timeline. */
  public ChangeTimeline changes() {
    return changes;
  }

  /**
   * Up to {@code limit} spans of the focused window that overlap [{@code fromNanos}, {@code
   * toNanos}] (either may be null), oldest first.
   */
  public List<ActivitySpan> activity(Long fromNanos, Long toNanos, int limit) {
    return contexts.between(fromNanos, toNanos, limit);
  }

  /** Pipeline thread: appends a capture pause or resume. */
  public void append(CaptureEventRecord event) {
    appendEvent(pipelineAppender, CaptureEventCodec::write, event);
  }

  /** Vision-results thread only: appends one insight. */
  public void append(InsightRecord insight) {
    long lastFrame = insight.frameSeqs().isEmpty() ? -1 : insight.frameSeqs().getLast();
    long queueIndex =
        insightAppender.append(
            InsightRecordCodec::write,
            insight,
            seal(insight.receivedAtNanos(), appOf(lastFrame), RecordSeal.TYPE_AND_LAYOUT_BYTES));
    if (queueIndex >= 0) {
      insightIndexes.add(queueIndex);
      lastInsightId.accumulateAndGet(insight.id(), Math::max);
      listener.appended(queueIndex, insight);
    }
  }

  /** Memory-pressure thread only: appends a change of the pressure level. */
  public void append(PressureEventRecord event) {
    appendEvent(pressureAppender, PressureEventCodec::write, event);
  }

  private <E extends JournalEvent> void appendEvent(
      Appender appender, BiConsumer<Bytes<?>, E> codec, E event) {
    long queueIndex = appender.append(codec, event);
    if (queueIndex >= 0) {
      eventIndexes.add(queueIndex);
      listener.appended(queueIndex, event);
    }
  }

  /**
   * Retention thread only: appends what a pass is about to delete.
   *
   * @throws JournalWriteException when it could not be written; then nothing may be deleted
   */
  void append(RetentionEventRecord event) {
    appendEvent(retentionAppender, RetentionEventCodec::write, event);
  }

  /** Retention thread, at its end. */
  void closeRetentionAppender() {
    retentionAppender.close();
  }

  /** Every retention event in the journal, oldest first. */
  public List<RetentionEventRecord> retentionEvents() {
    return allEvents(RetentionEventRecord.class);
  }

  /** Keyframe thread only: appends a forwarded frame's keyframe. */
  public void append(KeyframeRecord keyframe) {
    long queueIndex =
        keyframeAppender.append(
            KeyframeCodec::write,
            keyframe,
            seal(keyframe.capturedAtNanos(), appOf(keyframe.seq()), KeyframeCodec.CLEAR_BYTES));
    if (queueIndex >= 0) {
      keyframeIndexes.put(keyframe.seq(), queueIndex);
    }
  }

  /** Text-reader thread only: appends the text read from an area of a frame. */
  public void append(TextRecord text) {
    long queueIndex =
        textAppender.append(
            TextRecordCodec::write,
            text,
            seal(text.capturedAtNanos(), appOf(text.seq()), TextRecordCodec.CLEAR_BYTES));
    if (queueIndex >= 0) {
      addText(text.seq(), queueIndex);
      listener.appended(queueIndex, text);
    }
  }

  private void addText(long seq, long queueIndex) {
    textIndexes.merge(
        seq,
        List.of(queueIndex),
        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
  }

  /** Text-reader thread, at its end. */
  public void closeTextAppender() {
    textAppender.close();
  }

  /** The text read from frame {@code seq}, area by area in the order read; empty when none. */
  public List<TextRecord> texts(long seq) {
    List<Long> indexes = textIndexes.getOrDefault(seq, List.of());
    if (indexes.isEmpty()) {
      return List.of();
    }
    return reading(
        () -> {
          List<TextRecord> found = new ArrayList<>();
          ExcerptTailer tailer = readerTailer();
          for (long queueIndex : indexes) {
            if (!moveTo(tailer, queueIndex)) {
              continue;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
              TextRecord r = dc.isPresent() ? decode(dc, TextRecordCodec::read) : null;
              if (r != null) {
                found.add(r);
              }
            } catch (RuntimeException e) {
              damaged(queueIndex, "the text of frame " + seq + " is not shown", e);
            }
          }
          return found;
        });
  }

  /**
   * The text records read from frame {@code seq} and the frames before it, newest first, at most
   * {@code max}: what was on screen at {@code seq} is in them, each area as last read.
   */
  public List<TextRecord> textsAtOrBefore(long seq, int max) {
    List<TextRecord> found = new ArrayList<>();
    for (long readSeq : textIndexes.headMap(seq, true).descendingKeySet()) {
      List<TextRecord> read = new ArrayList<>(texts(readSeq));
      java.util.Collections.reverse(read);
      for (TextRecord r : read) {
        if (found.size() == max) {
          return found;
        }
        found.add(r);
      }
    }
    return found;
  }

  /** The text records read from the frames after {@code seq}, oldest first, at most {@code max}. */
  public List<TextRecord> textsAfter(long seq, int max) {
    List<TextRecord> found = new ArrayList<>();
    for (long readSeq : textIndexes.tailMap(seq, false).keySet()) {
      for (TextRecord r : texts(readSeq)) {
        if (found.size() == max) {
          return found;
        }
        found.add(r);
      }
    }
    return found;
  }

  /** Whether any text was read from frame {@code seq}. */
  public boolean hasText(long seq) {
    return textIndexes.containsKey(seq);
  }

  /** Keyframe thread, at its end. */
  public void closeKeyframeAppender() {
    keyframeAppender.close();
  }

  /** The keyframe of frame {@code seq}, if it has one still kept. */
  public Optional<KeyframeRecord> keyframe(long seq) {
    Long queueIndex = keyframeIndexes.get(seq);
    if (queueIndex == null) {
      return Optional.empty();
    }
    return reading(
        () -> {
          ExcerptTailer tailer = readerTailer();
          if (!moveTo(tailer, queueIndex)) {
            return Optional.empty();
          }
          try (DocumentContext dc = tailer.readingDocument()) {
            return dc.isPresent()
                ? Optional.ofNullable(decode(dc, KeyframeCodec::read))
                : Optional.empty();
          } catch (RuntimeException e) {
            damaged(queueIndex, "the keyframe of frame " + seq + " is not shown", e);
            return Optional.empty();
          }
        });
  }

  /** The newest frame at or before {@code seq} that has a keyframe, or -1. */
  public long keyframeAtOrBefore(long seq) {
    Long found = keyframeIndexes.floorKey(seq);
    return found == null ? -1 : found;
  }

  public boolean hasKeyframe(long seq) {
    return keyframeIndexes.containsKey(seq);
  }

  public long keyframes() {
    return keyframeIndexes.size();
  }

  /** Every pressure-level change in the journal, oldest first. */
  public List<PressureEventRecord> pressureEvents() {
    return allEvents(PressureEventRecord.class);
  }

  /** Every event of {@code type} kept, oldest first, read by the in-memory list of events. */
  private <T extends JournalEvent> List<T> allEvents(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (JournalEvent e : events(type::isInstance, null, null, Integer.MAX_VALUE).reversed()) {
      found.add(type.cast(e));
    }
    return found;
  }

  /** Memory-pressure thread, at its end. */
  public void closePressureAppender() {
    pressureAppender.close();
  }

  /** The id of the newest insight in the journal, 0 when there is none. */
  public long lastInsightId() {
    return lastInsightId.get();
  }

  /**
   * Up to {@code limit} insights received in [{@code fromNanos}, {@code toNanos}] (either may be
   * null), newest first.
   */
  public List<InsightRecord> insights(Long fromNanos, Long toNanos, int limit) {
    return reading(
        () ->
            newestFirst(
                insightIndexes,
                InsightRecordCodec::read,
                InsightRecord::receivedAtNanos,
                r -> true,
                fromNanos,
                toNanos,
                limit));
  }

  /**
   * Up to {@code limit} capture and pressure events in [{@code fromNanos}, {@code toNanos}] that
   * {@code wanted} accepts, newest first.
   */
  public List<JournalEvent> events(
      java.util.function.Predicate<JournalEvent> wanted, Long fromNanos, Long toNanos, int limit) {
    return reading(
        () ->
            newestFirst(
                eventIndexes,
                Journal::readEvent,
                JournalEvent::timeNanos,
                wanted,
                fromNanos,
                toNanos,
                limit));
  }

  /**
   * Up to {@code max} records of any kind after the one at {@code queueIndex}, oldest first (from
   * the oldest kept when that one is gone); for resuming the event stream.
   */
  public List<Indexed> readAfter(long queueIndex, int max) {
    return reading(
        () -> {
          List<Indexed> found = new ArrayList<>();
          if (queueIndex >= queue.lastIndex()) {
            return found; // up to date, or an id from the future
          }
          ExcerptTailer tailer = readerTailer();
          if (queueIndex < queue.firstIndex()) {
            tailer.toStart(); // what came after it was deleted by retention: all that is left
          } else if (!moveTo(tailer, queueIndex)
              && !tailer.moveToCycle(rollCycle.toCycle(queueIndex) + 1)) {
            tailer.toStart(); // not an index of the journal
          }
          while (found.size() < max) {
            try (DocumentContext dc = tailer.readingDocument()) {
              if (!dc.isPresent()) {
                break;
              }
              if (dc.index() <= queueIndex) {
                continue; // the record the client already has
              }
              JournalRecord r = decode(dc, Journal::readAny);
              if (r != null && !(r instanceof FrameRecord f && forgotten.contains(f.seq()))) {
                found.add(new Indexed(dc.index(), r));
              }
            } catch (RuntimeException e) {
              damaged(tailer.index(), "the event stream's replay stops here", e);
              break;
            }
          }
          return found;
        });
  }

  private static JournalRecord readAny(Bytes<?> bytes) {
    return switch (bytes.peekUnsignedByte()) {
      case FrameRecordCodec.FRAME_RECORD -> FrameRecordCodec.read(bytes);
      case InsightRecordCodec.INSIGHT_RECORD -> InsightRecordCodec.read(bytes);
      case TextRecordCodec.TEXT_RECORD -> TextRecordCodec.read(bytes);
      default -> readEvent(bytes);
    };
  }

  private static JournalEvent readEvent(Bytes<?> bytes) {
    return switch (bytes.peekUnsignedByte()) {
      case CaptureEventCodec.CAPTURE_EVENT_RECORD -> CaptureEventCodec.read(bytes);
      case ContextEventCodec.CONTEXT_EVENT_RECORD -> ContextEventCodec.read(bytes);
      case PressureEventCodec.PRESSURE_EVENT_RECORD -> PressureEventCodec.read(bytes);
      case RetentionEventCodec.RETENTION_EVENT_RECORD -> RetentionEventCodec.read(bytes);
      case ForgetEventCodec.FORGET_EVENT_RECORD -> ForgetEventCodec.read(bytes);
      default -> null;
    };
  }

  /** Reads the records {@code kind} lists from the newest back, until {@code fromNanos}. */
  private <T> List<T> newestFirst(
      RecordIndexes kind,
      java.util.function.Function<Bytes<?>, T> codec,
      java.util.function.ToLongFunction<T> timeNanos,
      java.util.function.Predicate<T> wanted,
      Long fromNanos,
      Long toNanos,
      int limit) {
    List<Long> indexes = kind.snapshot();
    List<T> found = new ArrayList<>();
    ExcerptTailer tailer = readerTailer();
    for (int i = indexes.size() - 1; i >= 0 && found.size() < limit; i--) {
      if (!moveTo(tailer, indexes.get(i))) {
        continue;
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        T r = dc.isPresent() ? decode(dc, codec) : null;
        if (r == null || (toNanos != null && timeNanos.applyAsLong(r) > toNanos)) {
          continue;
        }
        if (fromNanos != null && timeNanos.applyAsLong(r) < fromNanos) {
          break;
        }
        if (wanted.test(r)) {
          found.add(r);
        }
      } catch (RuntimeException e) {
        damaged(indexes.get(i), "it is skipped", e);
      }
    }
    return found;
  }

  /** Every capture event in the journal, oldest first. */
  public List<CaptureEventRecord> captureEvents() {
    return allEvents(CaptureEventRecord.class);
  }

  public Optional<FrameRecord> find(long seq) {
    FramePage page = query(new FrameQuery(seq, seq, null, null, java.util.Set.of(), 1));
    return page.frames().stream().findFirst();
  }

  public FramePage query(FrameQuery q) {
    return reading(() -> queryLocked(q));
  }

  private FramePage queryLocked(FrameQuery q) {
    List<FrameRecord> found = new ArrayList<>();
    ExcerptTailer tailer = readerTailer();
    long start = index.startFor(q.fromSeq(), q.fromNanos());
    if (start < 0 || !moveTo(tailer, start)) {
      tailer.toStart();
    }
    for (int scanned = 0; scanned < MAX_SCAN_PER_PAGE; scanned++) {
      FrameRecord r = readNext(tailer);
      if (r == null || q.after(r)) {
        return new FramePage(found, null);
      }
      if (q.before(r) || !q.wants(r) || !inApp(r.seq(), q.app()) || forgotten.contains(r.seq())) {
        continue;
      }
      if (found.size() == q.limit()) {
        return new FramePage(found, r.seq());
      }
      found.add(r);
    }
    // Scan budget spent: let the client continue after the last record looked at.
    FrameRecord peek = readNext(tailer);
    return new FramePage(found, peek == null ? null : peek.seq());
  }

  /**
   * The next frame record, skipping other kinds and damaged records; null at the end, or where the
   * tailer cannot go past damage.
   */
  private FrameRecord readNext(ExcerptTailer tailer) {
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return null;
        }
        FrameRecord r = decode(dc, FrameRecordCodec::read);
        if (r != null) {
          return r;
        }
      } catch (RuntimeException e) {
        damaged(tailer.index(), "a page of frames ends here", e);
        return null;
      }
    }
  }

  /**
   * Moves {@code tailer} to the record at {@code queueIndex}; false when there is none, or when
   * Chronicle's index of it is damaged (then counted).
   */
  private boolean moveTo(ExcerptTailer tailer, long queueIndex) {
    try {
      return tailer.moveToIndex(queueIndex);
    } catch (RuntimeException e) {
      damaged(queueIndex, "Chronicle's index does not lead to it", e);
      return false;
    }
  }

  /**
   * At start: moves past the checksum of the record in {@code dc}, checked unless it is a keyframe
   * (those are large, and checked when one is shown); false when it does not match (then counted).
   */
  private boolean opened(DocumentContext dc, int type) {
    try {
      if (RecordSeal.isSealed(dc.wire().bytes())) {
        // Checked when opened: those read in place move to their clear bytes.
        if (type == KeyframeCodec.KEYFRAME_RECORD || type == TextRecordCodec.TEXT_RECORD) {
          RecordChecksum.skip(dc.wire().bytes());
        }
      } else if (type == KeyframeCodec.KEYFRAME_RECORD) {
        RecordChecksum.skip(dc.wire().bytes());
      } else {
        RecordChecksum.open(dc.wire().bytes());
      }
      return true;
    } catch (RuntimeException e) {
      damaged(dc.index(), "it is skipped", e);
      return false;
    }
  }

  /**
   * The record {@code codec} reads from {@code bytes} once its checksum matches (and, when sealed,
   * it opens with its key); null when it is not of that kind, was forgotten, or is damaged (then
   * counted and skipped).
   */
  private <T> T decode(DocumentContext dc, java.util.function.Function<Bytes<?>, T> codec) {
    try {
      return codec.apply(RecordChecksum.open(dc.wire().bytes(), keys));
    } catch (ForgottenRecordException forgotten) {
      return null;
    } catch (RuntimeException e) {
      damaged(dc.index(), "it is skipped", e);
      return null;
    }
  }

  /**
   * Counts the record at {@code queueIndex} that could not be read, once however often it is read;
   * logs the first ones and then every power of two.
   */
  private void damaged(long queueIndex, String consequence, RuntimeException e) {
    if (damagedIndexes.size() >= MAX_DAMAGED_REMEMBERED || !damagedIndexes.add(queueIndex)) {
      return;
    }
    long n = damagedReads.incrementAndGet();
    if (n <= 10 || Long.bitCount(n) == 1) {
      LOG.warn(
          "journal: damaged record {} ({} so far); {}: {}",
          Long.toHexString(queueIndex),
          n,
          consequence,
          e.toString().lines().findFirst().orElse(""));
    }
  }

  /** Records found damaged and skipped: by the check at start, and by reads since. */
  public long damaged() {
    return repairs.damaged() + damagedReads.get();
  }

  /** What the check at start found and did. */
  public JournalRepairReport repairs() {
    return repairs;
  }

  public long records() {
    return index.records();
  }

  /**
   * This thread's tailer for API reads, made once: making one per request takes locks every reader
   * shares (the queue's close listeners, its store cache) and limits the API to a few hundred
   * requests a second. Chronicle closes them with the queue.
   */
  private ExcerptTailer readerTailer() {
    return readerTailers.get();
  }

  /** Runs a read while no cycle is being deleted. */
  private <T> T reading(Supplier<T> read) {
    cycleLock.readLock().lock();
    try {
      return read.get();
    } finally {
      cycleLock.readLock().unlock();
    }
  }

  /** The time by the journal's clock, in epoch milliseconds. */
  long nowMillis() {
    return clock.currentTimeMillis();
  }

  /** The journal's cycles (days) that have a file, oldest first. */
  List<JournalCycle> cycles() {
    cycleLock.readLock().lock();
    try {
      queue.refreshDirectoryListing();
      int first = queue.firstCycle();
      int last = queue.lastCycle();
      List<JournalCycle> cycles = new ArrayList<>();
      if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
        return cycles;
      }
      for (long cycle = first; cycle <= last; cycle++) {
        Path file = fileOf((int) cycle);
        try {
          long bytes = Files.size(file);
          long startMillis = cycle * rollCycle.lengthInMillis();
          cycles.add(
              new JournalCycle(
                  (int) cycle, file, bytes, startMillis, startMillis + rollCycle.lengthInMillis()));
        } catch (java.nio.file.NoSuchFileException gap) {
          // no records that day
        } catch (IOException e) {
          LOG.warn("journal: cannot read the size of {}: {}", file, e.toString());
        }
      }
      return cycles;
    } finally {
      cycleLock.readLock().unlock();
    }
  }

  /**
   * The oldest cycle retention may never delete: the one the clock is in, or the newest with
   * records when that is older (appenders still hold it until their next write).
   */
  int protectedCycle() {
    return Math.min(rollCycle.current(clock, 0), queue.lastCycle());
  }

  /** The cycles {@link #deleteCyclesBefore} would delete now, oldest first. */
  List<JournalCycle> cyclesBefore(int firstKept) {
    int limit = Math.min(firstKept, protectedCycle());
    return cycles().stream().filter(c -> c.cycle() < limit).toList();
  }

  /**
   * Deletes every cycle before {@code firstKept} (never {@link #protectedCycle} or later): its
   * index entries first, then its file, under the write lock, so no read sees half of it.
   *
   * @return the cycles deleted
   */
  List<JournalCycle> deleteCyclesBefore(int firstKept) {
    int limit = Math.min(firstKept, protectedCycle());
    List<JournalCycle> deleted = new ArrayList<>();
    cycleLock.writeLock().lock();
    try {
      for (JournalCycle cycle : cycles()) {
        if (cycle.cycle() >= limit) {
          break;
        }
        Files.deleteIfExists(cycle.file());
        deleted.add(cycle);
      }
      if (!deleted.isEmpty()) {
        index.dropCyclesBefore(limit);
        contexts.dropBefore(index.firstSeq());
        changes.dropBefore(index.firstSeq());
        long firstKeptIndex = rollCycle.toIndex(limit, 0);
        insightIndexes.dropBefore(firstKeptIndex);
        keyframeIndexes.values().removeIf(i -> i < firstKeptIndex);
        textIndexes.values().removeIf(i -> i.getLast() < firstKeptIndex);
        eventIndexes.dropBefore(firstKeptIndex);
        queue.refreshDirectoryListing();
        destroyKeysBefore(deleted.getLast().endMillis());
      }
    } catch (IOException e) {
      LOG.error("journal: cannot delete an old cycle file", e);
      queue.refreshDirectoryListing();
    } finally {
      cycleLock.writeLock().unlock();
    }
    return deleted;
  }

  /**
   * Destroys the data keys of what retention deleted: a copy of a deleted day's file (a backup) can
   * no longer be read either. Keys of the last minutes before {@code endMillis} stay until the next
   * pass: a record captured just before midnight can be appended just after, into the day that is
   * kept.
   */
  private void destroyKeysBefore(long endMillis) {
    if (keys == null) {
      return;
    }
    try {
      int destroyed = keys.destroy(null, endMillis - KEY_MARGIN_MILLIS, null);
      if (destroyed > 0) {
        LOG.info("journal: destroyed the {} data keys of the days retention deleted", destroyed);
      }
    } catch (RuntimeException e) {
      LOG.error("journal: cannot destroy the data keys of the days retention deleted", e);
    }
  }

  private Path fileOf(int cycle) {
    DateTimeFormatter name =
        DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
    return queue
        .file()
        .toPath()
        .resolve(
            name.format(Instant.ofEpochMilli((long) cycle * rollCycle.lengthInMillis()))
                + SingleChronicleQueue.SUFFIX);
  }

  /** When the last frame journaled was captured, epoch nanoseconds; Long.MIN_VALUE before any. */
  public long lastFrameNanos() {
    return index.lastTimeNanos();
  }

  public long lastSeq() {
    return index.lastSeq();
  }

  /**
   * A sequence from which on every journaled frame is still kept (retention deletes whole days):
   * the oldest kept frame or up to a stride after it; -1 when there are none.
   */
  public long keptFromSeq() {
    return index.firstSeq();
  }

  /** Pipeline thread, at its end: the appender belongs to the thread that made it. */
  public void closeAppender() {
    pipelineAppender.close();
  }

  /** Vision-results thread, at its end. */
  public void closeInsightAppender() {
    insightAppender.close();
  }

  /** A data key and how many of a record's first bytes stay in clear. */
  private record Seal(DataKey key, int clearBytes) {}

  /**
   * The appender of one writing thread (pipeline, vision results, pressure, keyframes), made on its
   * first record: Chronicle's appenders belong to the thread that made them. Used by that thread
   * only.
   */
  private final class Appender {
    private final boolean guarded;
    private final Bytes<?> scratch = Bytes.allocateElasticOnHeap(256);
    private ExcerptAppender appender;

    /**
     * @param guarded whether records are skipped while the disk guard says the disk is full
     */
    Appender(boolean guarded) {
      this.guarded = guarded;
    }

    /**
     * Appends one record as {@code codec} writes it; its queue index, or -1 when the disk guard
     * says the disk is (nearly) full and the record is skipped.
     *
     * @throws JournalWriteException when the write faulted on the mapped file (is its disk full?):
     *     the record is lost, the appender given up (a new one is made for the next record), and
     *     the caller goes on
     */
    <R> long append(BiConsumer<Bytes<?>, R> codec, R record) {
      return append(codec, record, null);
    }

    /**
     * @param seal how the record is sealed; null: written in clear, with its checksum
     */
    <R> long append(BiConsumer<Bytes<?>, R> codec, R record, Seal seal) {
      JournalDiskGuard guard = disk;
      if (guarded && guard != null && !guard.allowRecord()) {
        return -1;
      }
      if (appender == null) {
        appender = queue.createAppender();
      }
      try (DocumentContext dc = appender.writingDocument()) {
        if (seal == null) {
          RecordChecksum.write(dc.wire().bytes(), scratch, codec, record);
        } else {
          RecordSeal.write(
              dc.wire().bytes(), scratch, codec, record, seal.key(), seal.clearBytes());
        }
      } catch (InternalError e) {
        ExcerptAppender broken = appender;
        appender = null;
        if (guard != null) {
          guard.writeFaulted();
        }
        try {
          broken.close();
        } catch (RuntimeException | InternalError ignored) {
          // already broken
        }
        throw new JournalWriteException(
            "a write to the journal's mapped file faulted (is its disk full?); the record is lost",
            e);
      }
      return appender.lastIndexAppended();
    }

    void close() {
      if (appender != null) {
        appender.close();
        appender = null;
      }
    }
  }

  @Override
  public void close() {
    queue.close();
  }
}
