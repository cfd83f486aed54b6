package dev.ironcliw.daemon.search;

import dev.ironcliw.daemon.journal.record.TextWord;
import java.util.List;

/**
 * A block of text and the span of time it was on screen: one document however many frames showed
 * it, its {@code lastSeen} extended while it stays.
 *
 * @param id unique in the index; putting a document with the same id replaces it
 * @param kind what the text is
 * @param text the words
 * @param app the application it was in; empty when unknown
 * @param window the window's title; empty when unknown
 * @param display the display, -1 when unknown
 * @param firstSeenNanos when it appeared, epoch nanoseconds
 * @param lastSeenNanos when it was last seen
 * @param seq the frame it was read from (one whose image can be served), -1 when none
 * @param seqCapturedAtNanos when frame {@code seq} was captured, {@link #UNKNOWN_TIME} when the
 *     indexer did not know it (a title: its frame is journaled after the focus change)
 * @param journalIndex the journal record it came from, for indexing again after a crash
 * @param words its words with their boxes in the pixels of frame {@code seq}, for text read from
 *     the screen; empty for titles and insights
 */
public record TextDocument(
    String id,
    TextKind kind,
    String text,
    String app,
    String window,
    int display,
    long firstSeenNanos,
    long lastSeenNanos,
    long seq,
    long seqCapturedAtNanos,
    long journalIndex,
    List<TextWord> words) {
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;

  public TextDocument {
    words = List.copyOf(words);
  }

  /** A document without word boxes whose frame's capture time is not known here: a title. */
  public TextDocument(
      String id,
      TextKind kind,
      String text,
      String app,
      String window,
      int display,
      long firstSeenNanos,
      long lastSeenNanos,
      long seq,
      long journalIndex) {
    this(
        id,
        kind,
        text,
        app,
        window,
        display,
        firstSeenNanos,
        lastSeenNanos,
        seq,
        UNKNOWN_TIME,
        journalIndex,
        List.of());
  }
}
