package dev.ironcliw.daemon.journal;

import java.nio.file.Path;

/**
 * One cycle (day) of the journal and its file.
 *
 * @param cycle Chronicle's cycle number (days since the epoch for daily cycles)
 * @param file the cycle's file
 * @param bytes the file's size
 * @param startMillis when the cycle began, in epoch milliseconds
 * @param endMillis when it ended (or will end)
 */
record JournalCycle(int cycle, Path file, long bytes, long startMillis, long endMillis) {}
