package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's context events in memory, as spans of the focused window with the frames counted
 * into each, so a frame's window and the activity timeline cost no journal read. Frames and
 * contexts arrive in sequence order (the pipeline thread, or the rebuild at start). Thread-safe.
 */
final class ContextIndex {
  /** A span while it is built; its counts grow with its frames. */
  private static final class Span {
    ContextEventRecord context;
    long frames;
    long changes;
    long lastNanos;

    Span(ContextEventRecord context) {
      this.context = context;
      this.lastNanos = context.timeNanos();
    }

    ActivitySpan snapshot() {
      return new ActivitySpan(
          context.app(),
          context.window(),
          context.display(),
          context.excluded(),
          context.fromSeq(),
          context.timeNanos(),
          lastNanos,
          frames,
          changes);
    }
  }

  private final List<Span> spans = new ArrayList<>();

  synchronized void context(ContextEventRecord context) {
    spans.add(new Span(context));
  }

  /** Counts a frame into the span it falls in (the newest, as frames come in order). */
  synchronized void frame(long seq, long capturedAtNanos, boolean change) {
    if (spans.isEmpty()) {
      return;
    }
    Span last = spans.getLast();
    if (seq < last.context.fromSeq()) {
      return; // before the first context event
    }
    last.frames++;
    if (change) {
      last.changes++;
    }
    last.lastNanos = Math.max(last.lastNanos, capturedAtNanos);
  }

  /** The context frame {@code seq} was captured in, or null when none is known. */
  synchronized ContextEventRecord at(long seq) {
    int low = 0;
    int high = spans.size() - 1;
    ContextEventRecord found = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (spans.get(mid).context.fromSeq() <= seq) {
        found = spans.get(mid).context;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The spans that overlap [{@code fromNanos}, {@code toNanos}] (either null), oldest first. */
  synchronized List<ActivitySpan> between(Long fromNanos, Long toNanos, int limit) {
    List<ActivitySpan> found = new ArrayList<>();
    for (Span span : spans) {
      if (found.size() == limit) {
        break;
      }
      boolean endsBefore = fromNanos != null && span.lastNanos < fromNanos;
      boolean startsAfter = toNanos != null && span.context.timeNanos() > toNanos;
      if (!endsBefore && !startsAfter) {
        found.add(span.snapshot());
      }
    }
    return found;
  }

  /**
   * Blanks the contexts {@code forgotten} names (the user had them forgotten): their application
   * and title are gone, and their frames stay theirs, as an excluded window's.
   */
  synchronized int forget(java.util.function.Predicate<ContextEventRecord> forgotten) {
    int blanked = 0;
    for (Span span : spans) {
      if (!span.context.excluded() && forgotten.test(span.context)) {
        span.context =
            blank(span.context.timeNanos(), span.context.fromSeq(), span.context.display());
        blanked++;
      }
    }
    return blanked;
  }

  /** A context whose application and title are not known: excluded, or forgotten. */
  static ContextEventRecord blank(long timeNanos, long fromSeq, int display) {
    return new ContextEventRecord(timeNanos, fromSeq, display, "", "", true);
  }

  /** Forgets spans whose frames are all before {@code firstKeptSeq} (deleted by retention). */
  synchronized void dropBefore(long firstKeptSeq) {
    while (spans.size() > 1 && spans.get(1).context.fromSeq() <= firstKeptSeq) {
      spans.removeFirst();
    }
  }
}
