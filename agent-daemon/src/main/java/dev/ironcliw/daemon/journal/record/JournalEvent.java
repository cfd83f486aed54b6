package dev.ironcliw.daemon.journal.record;

/**
 * A journaled event that is not a frame or an insight: a capture pause, a change of the focused
 * window, a pressure change, days deleted by retention, or a span the user had forgotten.
 */
public sealed interface JournalEvent extends JournalRecord
    permits CaptureEventRecord,
        ContextEventRecord,
        PressureEventRecord,
        RetentionEventRecord,
        ForgetEventRecord {
  long timeNanos();
}
