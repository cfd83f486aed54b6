package dev.ironcliw.daemon.journal.record;

/**
 * A change of the memory-pressure level, as journaled.
 *
 * @param timeNanos when, epoch nanoseconds
 * @param from the level before
 * @param to the level after
 * @param readings what each source read, e.g. {@code linux HIGH (PSI ...); heap LOW (...)}
 * @param actions what the daemon does at the new level, e.g. {@code capture at 5 FPS}
 */
public record PressureEventRecord(
    long timeNanos, String from, String to, String readings, String actions)
    implements JournalEvent {}
