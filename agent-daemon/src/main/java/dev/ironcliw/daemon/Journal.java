package dev.ironcliw.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history journal: one {@link FrameRecord} per processed frame in a Chronicle Queue with daily
 * roll cycles. Records are in memory-mapped files, so they survive a crash of the daemon. The
 * pipeline thread appends; API workers read pages, each with its own tailer.
 */
final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  /** The most records one page request reads, so a sparse filter cannot stall a worker. */
  static final int MAX_SCAN_PER_PAGE = 50_000;

  private final ChronicleQueue queue;
  private final JournalIndex index = new JournalIndex();
  private ExcerptAppender appender;

  private Journal(ChronicleQueue queue) {
    this.queue = queue;
  }

  static Journal open(Path directory) {
    ChronicleQueue queue =
        ChronicleQueue.singleBuilder(directory).rollCycle(RollCycles.FAST_DAILY).build();
    Journal journal = new Journal(queue);
    journal.rebuildIndex();
    return journal;
  }

  private void rebuildIndex() {
    long skipped = 0;
    try (ExcerptTailer tailer = queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          FrameRecord r = FrameRecordCodec.read(dc.wire().bytes());
          if (r == null) {
            skipped++;
          } else {
            index.add(r.seq(), r.capturedAtNanos(), dc.index());
          }
        }
      }
    }
    if (index.records() > 0 || skipped > 0) {
      LOG.info(
          "journal: {} frame records found (last seq {}), {} other records",
          index.records(),
          index.lastSeq(),
          skipped);
    }
  }

  /** Pipeline thread: appends one record. */
  void append(FrameRecord record) {
    if (appender == null) {
      appender = queue.createAppender();
    }
    try (DocumentContext dc = appender.writingDocument()) {
      FrameRecordCodec.write(dc.wire().bytes(), record);
    }
    index.add(record.seq(), record.capturedAtNanos(), appender.lastIndexAppended());
  }

  /** Pipeline thread: appends a capture pause or resume. */
  void append(CaptureEventRecord event) {
    if (appender == null) {
      appender = queue.createAppender();
    }
    try (DocumentContext dc = appender.writingDocument()) {
      CaptureEventCodec.write(dc.wire().bytes(), event);
    }
  }

  /** Every capture event in the journal, oldest first. */
  List<CaptureEventRecord> captureEvents() {
    List<CaptureEventRecord> events = new ArrayList<>();
    try (ExcerptTailer tailer = queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            return events;
          }
          CaptureEventRecord event = CaptureEventCodec.read(dc.wire().bytes());
          if (event != null) {
            events.add(event);
          }
        }
      }
    }
  }

  Optional<FrameRecord> find(long seq) {
    FramePage page = query(new FrameQuery(seq, seq, null, null, java.util.Set.of(), 1));
    return page.frames().stream().findFirst();
  }

  FramePage query(FrameQuery q) {
    List<FrameRecord> found = new ArrayList<>();
    try (ExcerptTailer tailer = queue.createTailer()) {
      long start = index.startFor(q.fromSeq(), q.fromNanos());
      if (start >= 0) {
        tailer.moveToIndex(start);
      }
      for (int scanned = 0; scanned < MAX_SCAN_PER_PAGE; scanned++) {
        FrameRecord r = readNext(tailer);
        if (r == null || q.after(r)) {
          return new FramePage(found, null);
        }
        if (q.before(r) || !q.wants(r)) {
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
  }

  /** The next frame record, skipping other kinds; null at the end. */
  private static FrameRecord readNext(ExcerptTailer tailer) {
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return null;
        }
        FrameRecord r = FrameRecordCodec.read(dc.wire().bytes());
        if (r != null) {
          return r;
        }
      }
    }
  }

  long records() {
    return index.records();
  }

  long lastSeq() {
    return index.lastSeq();
  }

  /** Pipeline thread, at its end: the appender belongs to the thread that made it. */
  void closeAppender() {
    if (appender != null) {
      appender.close();
      appender = null;
    }
  }

  @Override
  public void close() {
    queue.close();
  }
}
