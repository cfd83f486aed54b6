package dev.ironcliw.daemon.journal.record;

/**
 * A journaled event that is not a frame or an insight: a capture pause, a change of the focused
 * window, a pressure change, or days deleted by retention.
 */
public sealed interface JournalEvent extends JournalRecord
    permits CaptureEventRecord, ContextEventRecord, PressureEventRecord, RetentionEventRecord {
  long timeNanos();
}
