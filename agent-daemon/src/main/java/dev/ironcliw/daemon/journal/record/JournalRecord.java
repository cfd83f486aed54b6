package dev.ironcliw.daemon.journal.record;

/** Anything the journal holds: a frame's record, an insight, the text read, or an event. */
public sealed interface JournalRecord
    permits FrameRecord, InsightRecord, TextRecord, JournalEvent {}
