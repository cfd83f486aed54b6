package dev.ironcliw.daemon.journal.record;

/**
 * Retention deleted whole days of the journal: how many, their bytes, their files, and the limits
 * that made it (with where each came from: default, file, flag or api), so a deletion by a limit
 * set over the API is in the history it shortened.
 *
 * @param timeNanos when, in epoch nanoseconds
 * @param days days (cycle files) deleted
 * @param bytes their bytes
 * @param files their file names, comma-separated
 * @param limits the limits in force, such as {@code maxAge 30d (file), maxBytes 1MiB (api)}
 * @param keptFromNanos where what is kept begins: the start of the first day not deleted
 */
public record RetentionEventRecord(
    long timeNanos, int days, long bytes, String files, String limits, long keptFromNanos)
    implements JournalEvent {}
