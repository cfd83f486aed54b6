package dev.ironcliw.daemon;

/** Anything the journal holds: a frame's record, an insight, or an event. */
sealed interface JournalRecord permits FrameRecord, InsightRecord, JournalEvent {}
