package dev.ironcliw.daemon.journal.record;

/** A journaled event that is not a frame or an insight: a capture pause or a pressure change. */
public sealed interface JournalEvent extends JournalRecord
    permits CaptureEventRecord, PressureEventRecord {
  long timeNanos();
}
